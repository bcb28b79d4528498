import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Connection, SourceError } from "@kpi-as-code/connection";
import {
  intactQuery,
  ordersRows,
  ordersTableDdl,
  timeBucketQuery,
  windowAggregatesQuery,
} from "@kpi-as-code/connection/testing";
import { sqliteConnector } from "@kpi-as-code/connector-sqlite";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let workspaceRoot: string;
let connection: Connection;

async function sourceErrorOf(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

beforeAll(async () => {
  workspaceRoot = mkdtempSync(path.join(os.tmpdir(), "kpi-sqlite-"));
  const writer = new Database(path.join(workspaceRoot, "crm.sqlite"));
  writer.exec(ordersTableDdl("TEXT"));
  const insert = writer.prepare("INSERT INTO orders VALUES (?, ?, ?, ?, ?)");
  for (const row of ordersRows) insert.run(...row);
  // The same instants spelled the other ways SQLite files store them: ISO with 'T', and with 'Z'.
  writer.exec("CREATE TABLE iso_orders AS SELECT * FROM orders");
  writer.exec("UPDATE iso_orders SET created_at = replace(created_at, ' ', 'T') WHERE id % 2 = 0");
  writer.exec("UPDATE iso_orders SET created_at = replace(created_at, ' ', 'T') || 'Z' WHERE id % 2 = 1");
  writer.close();
  connection = await sqliteConnector.connect(
    { type: "sqlite", path: "crm.sqlite" },
    { workspaceRoot, source: "crm" },
  );
});

afterAll(async () => {
  await connection?.close();
  rmSync(workspaceRoot, { recursive: true, force: true });
});

describe("sqlite connector", () => {
  it("compares and buckets ISO timestamps with 'T' and 'Z' like space-separated ones", async () => {
    for (const query of [
      windowAggregatesQuery(connection.dialect),
      timeBucketQuery(connection.dialect, "week"),
    ]) {
      const sql = query.sql.replace('FROM "orders"', 'FROM "iso_orders"');
      expect(await connection.query(sql, query.params)).toEqual(query.expected);
    }
  });

  it("refuses SQLite's own writes (ATTACH, VACUUM INTO, PRAGMA) through query; the data stays intact", async () => {
    const attempts = [
      `ATTACH '${path.join(workspaceRoot, "other.sqlite")}' AS other`,
      `VACUUM INTO '${path.join(workspaceRoot, "copy.sqlite")}'`,
      "PRAGMA user_version = 7",
    ];
    for (const sql of attempts) {
      expect((await sourceErrorOf(connection.query(sql, []))).kind, sql).toBe("read-only");
    }
    const intact = intactQuery(connection.dialect);
    expect(await connection.query(intact.sql, intact.params)).toEqual(intact.expected);
  });

  it("reports a syntax error as a query error", async () => {
    expect((await sourceErrorOf(connection.query("SELEC 1", []))).kind).toBe("query");
  });
});
