import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  assertReadOnlyQuery,
  bindNamedParams,
  type Connection,
  getConnector,
  ReadOnlyViolationError,
  SourceError,
} from "@kpi-as-code/connection";
import {
  intactQuery,
  ordersRows,
  ordersTableDdl,
  rawSqlMeasure,
  rejectedRawSql,
  timeBucketQuery,
  windowAggregatesQuery,
  writeAttempts,
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
  it("registers itself", () => {
    expect(getConnector("sqlite")).toBe(sqliteConnector);
  });

  it("computes parameterized, filtered and distinct aggregates", async () => {
    const query = windowAggregatesQuery(connection.dialect);
    expect(await connection.query(query.sql, query.params)).toEqual(query.expected);
  });

  it.each(["day", "week", "month", "quarter"] as const)(
    "buckets by %s from Monday/month/quarter starts",
    async (grain) => {
      const query = timeBucketQuery(connection.dialect, grain);
      expect(await connection.query(query.sql, query.params)).toEqual(query.expected);
    },
  );

  it("compares and buckets ISO timestamps with 'T' and 'Z' like space-separated ones", async () => {
    for (const query of [
      windowAggregatesQuery(connection.dialect),
      timeBucketQuery(connection.dialect, "week"),
    ]) {
      const sql = query.sql.replace('FROM "orders"', 'FROM "iso_orders"');
      expect(await connection.query(sql, query.params)).toEqual(query.expected);
    }
  });

  it("runs a raw SQL measure that passes the read-only check, and refuses writes before they reach the engine", async () => {
    assertReadOnlyQuery(rawSqlMeasure.sql, connection.dialect);
    const bound = bindNamedParams(rawSqlMeasure.sql, connection.dialect, rawSqlMeasure.values);
    expect(await connection.query(bound.sql, bound.params)).toEqual(rawSqlMeasure.expected);
    for (const sql of rejectedRawSql) {
      expect(() => assertReadOnlyQuery(sql, connection.dialect), sql).toThrow(ReadOnlyViolationError);
    }
  });

  it("refuses every write through query, even ones no SQL check saw, and the data stays intact", async () => {
    const attempts = [
      ...writeAttempts,
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

  it("stops a query that runs past its timeout and stays usable", async () => {
    const endless =
      "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10000000000) SELECT count(*) AS c FROM n";
    const started = Date.now();
    expect((await sourceErrorOf(connection.query(endless, [], { timeoutMs: 200 }))).kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await connection.query("SELECT ? + 1 AS answer", [41])).toEqual([{ answer: 42 }]);
  });

  it("stops a query its caller aborts, killing its process, and stays usable", async () => {
    const endless =
      "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10000000000) SELECT count(*) AS c FROM n";
    const controller = new AbortController();
    const running = sourceErrorOf(
      connection.query(endless, [], { timeoutMs: 60_000, signal: controller.signal }),
    );
    controller.abort();
    expect((await running).kind).toBe("cancelled");
    expect(await connection.query("SELECT ? + 1 AS answer", [41])).toEqual([{ answer: 42 }]);
  });

  it("reports a syntax error as a query error", async () => {
    expect((await sourceErrorOf(connection.query("SELEC 1", []))).kind).toBe("query");
  });

  it("fails clearly, naming the source, when the file does not exist", async () => {
    const error = await sourceErrorOf(
      sqliteConnector.connect({ type: "sqlite", path: "missing.sqlite" }, { workspaceRoot, source: "crm" }),
    );
    expect(error.kind).toBe("not-found");
    expect(error.source).toBe("crm");
  });
});
