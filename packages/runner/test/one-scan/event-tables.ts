// Writes generated events to each engine the one-scan tests compare on: DuckDB (Parquet through
// a JSON file, so NULL and '' stay apart and any Unicode survives), SQLite, PostgreSQL, MariaDB
// and ClickHouse.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";

export interface EventRow {
  user_id: number;
  seg_a: string | null;
  seg_b: string | null;
  amount: number | null;
  /** 'YYYY-MM-DD HH:MM:SS', UTC. */
  occurred_at: string;
}

const COLUMNS = ["user_id", "seg_a", "seg_b", "amount", "occurred_at"] as const;
const values = (row: EventRow) => COLUMNS.map((column) => row[column]);

/** events.parquet under `dir`/data; returns the source for kpi.yaml. */
export async function writeDuckdbEvents(
  dir: string,
  rows: readonly EventRow[],
): Promise<Record<string, unknown>> {
  mkdirSync(path.join(dir, "data"), { recursive: true });
  const json = path.join(dir, "data/events.json");
  writeFileSync(json, JSON.stringify(rows));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const columns =
    "{'user_id': 'INTEGER', 'seg_a': 'VARCHAR', 'seg_b': 'VARCHAR', 'amount': 'INTEGER', 'occurred_at': 'TIMESTAMP'}";
  await connection.run(
    `COPY (SELECT * FROM read_json('${json}', format = 'array', columns = ${columns})) TO '${path.join(dir, "data/events.parquet")}' (FORMAT parquet)`,
  );
  connection.closeSync();
  instance.closeSync();
  return { type: "duckdb", tables: { events: "data/events.parquet" } };
}

/** A fresh SQLite file `name` under `dir`. */
export function writeSqliteEvents(
  dir: string,
  name: string,
  rows: readonly EventRow[],
): Record<string, unknown> {
  const database = new Database(path.join(dir, name));
  database.exec(
    "CREATE TABLE events (user_id INTEGER, seg_a TEXT, seg_b TEXT, amount INTEGER, occurred_at TEXT)",
  );
  const insert = database.prepare("INSERT INTO events VALUES (?, ?, ?, ?, ?)");
  database.transaction(() => {
    for (const row of rows) insert.run(...values(row));
  })();
  database.close();
  return { type: "sqlite", path: name };
}

/** A new PostgreSQL database holding the events; drop() removes it. */
export async function writePostgresEvents(
  rows: readonly EventRow[],
): Promise<{ source: Record<string, unknown>; drop: () => Promise<void> }> {
  const name = `kpi_one_scan_${randomBytes(6).toString("hex")}`;
  const admin = () =>
    new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "postgres" });
  const creator = admin();
  await creator.connect();
  await creator.query(`CREATE DATABASE ${name}`);
  await creator.end();
  const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: name });
  await client.connect();
  try {
    await client.query(
      "CREATE TABLE events (user_id INTEGER, seg_a TEXT, seg_b TEXT, amount INTEGER, occurred_at TIMESTAMP)",
    );
    for (const row of rows) await client.query("INSERT INTO events VALUES ($1, $2, $3, $4, $5)", values(row));
  } finally {
    await client.end();
  }
  return {
    source: { type: "postgres", url: `postgres://postgres@127.0.0.1:5432/${name}` },
    drop: async () => {
      const dropper = admin();
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

const CLICKHOUSE = "http://127.0.0.1:8123";

async function clickhouse(query: string): Promise<void> {
  const response = await fetch(CLICKHOUSE, { method: "POST", body: query });
  if (!response.ok) throw new Error(`ClickHouse: ${(await response.text()).slice(0, 300)}`);
}

/** Whether `.ci/services.sh`'s ClickHouse answers; in CI it must. */
export async function clickhouseReachable(): Promise<boolean> {
  const up = await fetch(`${CLICKHOUSE}/ping`).then(
    (response) => response.ok,
    () => false,
  );
  if (!up && process.env.CI) throw new Error("CI is set but ClickHouse on 8123 is down");
  return up;
}

/** A new MergeTree table on the first shard holding the events; drop() removes it. */
export async function writeClickhouseEvents(
  rows: readonly EventRow[],
): Promise<{ source: Record<string, unknown>; table: string; drop: () => Promise<void> }> {
  const table = `kpi_one_scan_${randomBytes(6).toString("hex")}`;
  await clickhouse(
    `CREATE TABLE default.${table} (user_id Int32, seg_a Nullable(String), seg_b Nullable(String), amount Nullable(Int32), occurred_at DateTime('UTC')) ENGINE = MergeTree ORDER BY user_id`,
  );
  await clickhouse(
    `INSERT INTO default.${table} FORMAT JSONEachRow\n${rows.map((row) => JSON.stringify(row)).join("\n")}\n`,
  );
  return {
    source: { type: "clickhouse", url: CLICKHOUSE },
    table,
    drop: () => clickhouse(`DROP TABLE IF EXISTS default.${table}`),
  };
}

const MARIADB = process.env.KPI_TEST_MYSQL_SERVER ?? "127.0.0.1:3306";

/**
 * A new MariaDB/MySQL database holding the events (utf8mb4, binary collation: 'é' and 'e\u0301'
 * stay apart, as elsewhere); drop() removes it.
 */
export async function writeMariadbEvents(
  rows: readonly EventRow[],
): Promise<{ source: Record<string, unknown>; drop: () => Promise<void> }> {
  const name = `kpi_one_scan_${randomBytes(6).toString("hex")}`;
  const admin = await mysql.createConnection({ uri: `mysql://root@${MARIADB}/`, charset: "utf8mb4" });
  try {
    await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    await admin.query(`USE ${name}`);
    await admin.query(
      "CREATE TABLE events (user_id INTEGER, seg_a TEXT, seg_b TEXT, amount INTEGER, occurred_at DATETIME)",
    );
    for (const row of rows) await admin.query("INSERT INTO events VALUES (?, ?, ?, ?, ?)", values(row));
  } finally {
    await admin.end();
  }
  return {
    source: { type: "mysql", url: `mysql://root@${MARIADB}/${name}` },
    drop: async () => {
      const dropper = await mysql.createConnection({ uri: `mysql://root@${MARIADB}/` });
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await dropper.end();
      }
    },
  };
}
