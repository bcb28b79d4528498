// The shared conformance suite (docs/connectors.md) against SQLite: a database file in the workspace.
import path from "node:path";
import {
  type ConformanceAdapter,
  createTableSql,
  insertSql,
  runConformanceSuite,
} from "@kpi-as-code/connection/testing";
import { sqliteConnector } from "@kpi-as-code/connector-sqlite";
import { runWorkspace } from "@kpi-as-code/runner";
import Database from "better-sqlite3";

// Timestamps are TEXT, as SQLite files keep them.
const TYPES = { integer: "INTEGER", text: "TEXT", decimal: "REAL", timestamp: "TEXT", zoned: "TEXT" };

const adapter: ConformanceAdapter = {
  connector: sqliteConnector,
  async createScratch(tables, dir) {
    const writer = new Database(path.join(dir, "app.sqlite"));
    for (const table of tables) {
      writer.exec(createTableSql(table, (type) => TYPES[type]));
      writer.exec(insertSql(table));
    }
    writer.close();
    return { source: { type: "sqlite", path: "app.sqlite" }, drop: async () => undefined };
  },
  slowQuery: (marker) =>
    `WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10000000000) SELECT count(*) AS ${marker} FROM n`,
  downSource: () => ({ type: "sqlite", path: "missing.sqlite" }),
  downKind: "not-found",
  options: { refused: "query_only" },
};

runConformanceSuite(adapter, runWorkspace);
