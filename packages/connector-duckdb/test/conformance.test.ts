// The shared conformance suite (docs/connectors.md) against DuckDB: a database file in the workspace.
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  type ConformanceAdapter,
  createTableSql,
  insertSql,
  runConformanceSuite,
} from "@kpi-as-code/connection/testing";
import { duckdbConnector } from "@kpi-as-code/connector-duckdb";
import { runWorkspace } from "@kpi-as-code/runner";
import { expect } from "vitest";

const TYPES = {
  integer: "INTEGER",
  text: "VARCHAR",
  decimal: "DECIMAL(10,2)",
  timestamp: "TIMESTAMP",
  zoned: "TIMESTAMPTZ",
};

const adapter: ConformanceAdapter = {
  connector: duckdbConnector,
  async createScratch(tables, dir) {
    // Written with DuckDB itself, outside the connector (which opens it read-only).
    const writer = await DuckDBInstance.create(path.join(dir, "warehouse.duckdb"));
    const connection = await writer.connect();
    await connection.run("SET TimeZone = 'UTC'"); // the fixture's instants are UTC text
    for (const table of tables) {
      await connection.run(createTableSql(table, (type) => TYPES[type]));
      await connection.run(insertSql(table));
    }
    connection.closeSync();
    writer.closeSync();
    return {
      source: { type: "duckdb", path: "warehouse.duckdb" },
      // The connector attaches a `path` database as `source_db` (`tables:` files live in `memory.main`).
      threePartOrders: "source_db.main.orders",
      drop: async () => undefined,
    };
  },
  slowQuery: (marker) => `SELECT count(*) AS ${marker} FROM range(100000000000) a, range(1000) b`,
  downSource: () => ({ type: "duckdb", path: "missing.duckdb" }),
  downKind: "not-found",
  options: {
    // Settings cannot be read back in the sandbox: a limit this low makes a large sort fail (no spilling).
    allowed: {
      name: "memory_limit",
      value: "32MB",
      async check(connection) {
        const sort = "SELECT count(*) AS n FROM (SELECT range FROM range(20000000) ORDER BY random())";
        await expect(connection.query(sort, [])).rejects.toMatchObject({ kind: "query" });
      },
    },
    refused: "enable_external_access",
  },
};

runConformanceSuite(adapter, runWorkspace);
