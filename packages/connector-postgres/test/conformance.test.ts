// The shared conformance suite (docs/connectors.md) against a real PostgreSQL: a scratch database per run.
import { randomBytes } from "node:crypto";
import {
  type ConformanceAdapter,
  createTableSql,
  insertSql,
  runConformanceSuite,
} from "@kpi-as-code/connection/testing";
import { postgresConnector } from "@kpi-as-code/connector-postgres";
import { runWorkspace } from "@kpi-as-code/runner";
import { expect } from "vitest";
import { adminUrl, dropDatabase, server, withClient } from "./server.js";

const SECRET = "s3cret-live-pw";
const TYPES = {
  integer: "INTEGER",
  text: "VARCHAR(20)",
  decimal: "DECIMAL(10,2)",
  timestamp: "TIMESTAMP",
  zoned: "TIMESTAMPTZ",
};

const adapter: ConformanceAdapter = {
  connector: postgresConnector,
  async createScratch(tables) {
    const database = `kpi_conformance_${randomBytes(6).toString("hex")}`;
    await withClient(adminUrl, (admin) => admin.query(`CREATE DATABASE ${database}`));
    // The database's default zone is New York: the connector must still read in UTC.
    await withClient(adminUrl, (admin) =>
      admin.query(`ALTER DATABASE ${database} SET timezone TO 'America/New_York'`),
    );
    await withClient(`postgres://postgres@${server}/${database}`, async (owner) => {
      await owner.query("SET TIME ZONE 'UTC'"); // the fixture's instants are UTC text
      for (const table of tables) {
        await owner.query(createTableSql(table, (type) => TYPES[type]));
        await owner.query(insertSql(table));
      }
    });
    return {
      source: { type: "postgres", url: `\${env:KPI_TEST_WAREHOUSE_URL}` },
      // The server trusts local logins: the password is there to prove no output carries it.
      env: { KPI_TEST_WAREHOUSE_URL: `postgres://postgres:${SECRET}@${server}/${database}` },
      secret: SECRET,
      threePartOrders: `${database}.public.orders`,
      drop: () => dropDatabase(database),
    };
  },
  slowQuery: (marker) => `SELECT pg_sleep(30) AS ${marker}`,
  serverQueries: (marker) =>
    withClient(adminUrl, async (admin) => {
      const { rows } = await admin.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()",
        [`%AS ${marker}%`],
      );
      return rows[0].n as number;
    }),
  downSource: (password) => ({
    type: "postgres",
    url: `postgres://postgres:${password}@127.0.0.1:1/warehouse`,
  }),
  downKind: "connect",
  options: {
    allowed: {
      name: "application_name",
      value: "kpi conformance",
      async check(connection) {
        const query = "SELECT current_setting('application_name') AS value";
        expect(await connection.query(query, [])).toEqual([{ value: "kpi conformance" }]);
      },
    },
    refused: "default_transaction_read_only",
  },
};

runConformanceSuite(adapter, runWorkspace);
