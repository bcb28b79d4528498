import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { type Connection, SourceError, type SourceErrorKind } from "@kpi-as-code/connection";
import { intactQuery, ordersColumns, ordersRows } from "@kpi-as-code/connection/testing";
import { duckdbConnector } from "@kpi-as-code/connector-duckdb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let workspaceRoot: string;
let connection: Connection;
const csv = [ordersColumns.join(","), ...ordersRows.map((row) => row.join(","))].join("\n");

async function sourceErrorOf(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

beforeAll(async () => {
  workspaceRoot = mkdtempSync(path.join(os.tmpdir(), "kpi-duckdb-"));
  await mkdir(path.join(workspaceRoot, "data/events"), { recursive: true });
  writeFileSync(path.join(workspaceRoot, "data/orders.csv"), csv);
  writeFileSync(
    path.join(workspaceRoot, "data/users.jsonl"),
    '{"id":1,"plan":"pro"}\n{"id":2,"plan":"free"}\n',
  );
  // Parquet files and a database file are made with DuckDB itself, outside the connector.
  const writer = await DuckDBInstance.create(path.join(workspaceRoot, "data/app.duckdb"));
  const writerConnection = await writer.connect();
  for (const part of [1, 2]) {
    const file = path.join(workspaceRoot, `data/events/part-${part}.parquet`);
    await writerConnection.run(
      `COPY (SELECT range AS id FROM range(${part * 10})) TO '${file}' (FORMAT parquet)`,
    );
  }
  await writerConnection.run("CREATE TABLE accounts AS SELECT range AS id, 7::BIGINT AS seats FROM range(3)");
  writerConnection.closeSync();
  writer.closeSync();

  connection = await duckdbConnector.connect(
    {
      type: "duckdb",
      path: "data/app.duckdb",
      tables: { orders: "data/orders.csv", events: "data/events/*.parquet", users: "data/users.jsonl" },
    },
    { workspaceRoot, source: "app" },
  );
});

afterAll(async () => {
  await connection?.close();
  rmSync(workspaceRoot, { recursive: true, force: true });
});

describe("duckdb connector", () => {
  it("exposes parquet globs, JSON lines and the database file's tables, BIGINTs as numbers", async () => {
    const rows = await connection.query(
      "SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM users) AS users, (SELECT sum(seats) FROM accounts) AS seats",
      [],
    );
    expect(rows).toEqual([{ events: 30, users: 2, seats: 21 }]);
  });

  it("loads small CSV and JSON files into memory once, and reads Parquet through views", async () => {
    const tables = await connection.query(
      "SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'memory' ORDER BY 1",
      [],
    );
    const views = await connection.query(
      "SELECT view_name AS name FROM duckdb_views() WHERE database_name = 'memory' AND NOT internal ORDER BY 1",
      [],
    );
    expect(tables).toEqual([{ name: "orders" }, { name: "users" }]);
    expect(views).toEqual([{ name: "events" }]);
  });

  it("refuses writes to table files, COPY, ATTACH and settings through query; the files stay intact", async () => {
    const attempts = [
      "INSERT INTO accounts VALUES (9, 9)",
      `COPY (SELECT 1) TO '${path.join(workspaceRoot, "data/written.csv")}'`,
      `ATTACH '${path.join(workspaceRoot, "data/new.duckdb")}' AS other`,
      "SET enable_external_access = true",
      "INSTALL httpfs",
    ];
    for (const sql of attempts) {
      // Writes to views already fail when DuckDB binds them ("query"); the rest are refused by statement type.
      expect(["read-only", "query"], sql).toContain((await sourceErrorOf(connection.query(sql, []))).kind);
    }
    expect((await sourceErrorOf(connection.query("DELETE FROM accounts", []))).kind).toBe("read-only");
    const intact = intactQuery(connection.dialect);
    expect(await connection.query(intact.sql, intact.params)).toEqual(intact.expected);
    expect(await connection.query("SELECT count(*) AS n FROM accounts", [])).toEqual([{ n: 3 }]);
    expect(readFileSync(path.join(workspaceRoot, "data/orders.csv"), "utf8")).toBe(csv);
  });

  it("cannot read files outside the tables' folders", async () => {
    const error = await sourceErrorOf(connection.query("SELECT * FROM read_csv_auto('/etc/passwd')", []));
    expect(error.kind).toBe("query");
  });

  it("reports an option value DuckDB refuses as the source's configuration, not a crash", async () => {
    const error = await sourceErrorOf(
      duckdbConnector.connect(
        { type: "duckdb", options: { memory_limit: "99999999TB" } },
        { workspaceRoot, source: "app" },
      ),
    );
    expect(error.kind).toBe("config");
    expect(error.source).toBe("app");
  });

  it("runs an in-memory source without tables", async () => {
    const memory = await duckdbConnector.connect({ type: "duckdb" }, { workspaceRoot });
    try {
      expect(await memory.query("SELECT 40 + $1 AS answer", [2])).toEqual([{ answer: 42 }]);
    } finally {
      await memory.close();
    }
  });

  it("checks every query on a connection, before and after refused ones (one prepared check per connection)", async () => {
    const denied = [
      "SELECT getenv('HOME') AS home",
      "SELECT current_setting('allowed_paths') AS paths",
      "SELECT * FROM duckdb_settings()",
    ];
    for (const sql of denied) {
      expect(await connection.query("SELECT count(*) AS n FROM accounts", [])).toEqual([{ n: 3 }]);
      expect((await sourceErrorOf(connection.query(sql, []))).kind, sql).toBe("read-only");
      const described = connection.describe?.(sql, []) ?? Promise.reject(new Error("no describe"));
      expect((await sourceErrorOf(described)).kind, sql).toBe("read-only");
    }
    const [first, second] = await Promise.allSettled([
      connection.query("SELECT getenv('HOME') AS home", []),
      connection.query("SELECT 1 AS one", []),
    ]);
    expect([first.status, second.status]).toEqual(["rejected", "fulfilled"]);
  });

  it("reads a Parquet file rewritten while the source is open afresh (its cached footer is checked)", async () => {
    const file = path.join(workspaceRoot, "data/live.parquet");
    const write = async (rows: number) => {
      const writer = await DuckDBInstance.create(":memory:");
      const writerConnection = await writer.connect();
      await writerConnection.run(
        `COPY (SELECT range AS id FROM range(${rows})) TO '${file}' (FORMAT parquet)`,
      );
      writerConnection.closeSync();
      writer.closeSync();
    };
    await write(4);
    const live = await duckdbConnector.connect(
      { type: "duckdb", tables: { live: "data/live.parquet" } },
      { workspaceRoot, source: "live" },
    );
    try {
      expect(await live.query("SELECT count(*) AS n, max(id) AS top FROM live", [])).toEqual([
        { n: 4, top: 3 },
      ]);
      await write(7);
      expect(await live.query("SELECT count(*) AS n, max(id) AS top FROM live", [])).toEqual([
        { n: 7, top: 6 },
      ]);
    } finally {
      await live.close();
    }
  });

  it.each<[string, Record<string, string>, string | undefined, SourceErrorKind]>([
    ["a missing table file", { signups: "data/missing.csv" }, undefined, "not-found"],
    ["a glob matching nothing", { signups: "data/none/*.parquet" }, undefined, "not-found"],
    ["an unsupported file type", { signups: "data/orders.xlsx" }, undefined, "config"],
    ["a missing database file", {}, "data/missing.duckdb", "not-found"],
  ])("fails clearly on %s, naming the source", async (_case, tables, databasePath, kind) => {
    const error = await sourceErrorOf(
      duckdbConnector.connect(
        { type: "duckdb", tables, ...(databasePath ? { path: databasePath } : {}) },
        { workspaceRoot, source: "app" },
      ),
    );
    expect(error.kind).toBe(kind);
    expect(error.source).toBe("app");
    expect(error.message).toContain(Object.keys(tables)[0] ?? "missing.duckdb");
  });
});
