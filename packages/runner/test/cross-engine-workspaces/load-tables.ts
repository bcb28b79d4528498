import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";
import type { EngineName } from "../fixtures/engines.js";
import type { Cell, ColumnType, Table } from "./rows.js";

// Loads the same tables into one engine, in a database of its own (`kpi_xe_<random>` on the
// servers), and keeps a plain client open on it for the hand-written SQL. Nothing here is the
// runner's: the expected numbers come through these clients.

export type Row = Record<string, unknown>;

export interface LoadedTables {
  engine: EngineName;
  /** The `sources.<name>` object for kpi.yaml, with no views yet. */
  source: Record<string, unknown>;
  query(sql: string): Promise<Row[]>;
  drop(): Promise<void>;
}

const SQL_TYPES: Record<EngineName, Record<ColumnType, string>> = {
  duckdb: { int: "INTEGER", text: "VARCHAR", timestamp: "TIMESTAMP", double: "DOUBLE" },
  sqlite: { int: "INTEGER", text: "TEXT", timestamp: "TEXT", double: "REAL" },
  postgres: { int: "INTEGER", text: "VARCHAR(20)", timestamp: "TIMESTAMP", double: "DOUBLE PRECISION" },
  mysql: { int: "INTEGER", text: "VARCHAR(20)", timestamp: "DATETIME", double: "DOUBLE" },
};

const createTable = (engine: EngineName, table: Table) =>
  `CREATE TABLE ${table.name} (${table.columns.map(([name, type]) => `${name} ${SQL_TYPES[engine][type]}`).join(", ")})`;

export async function loadTables(engine: EngineName, dir: string, tables: Table[]): Promise<LoadedTables> {
  switch (engine) {
    case "duckdb":
      return loadDuckdb(dir, tables);
    case "sqlite":
      return loadSqlite(dir, tables);
    case "postgres":
      return loadPostgres(tables);
    case "mysql":
      return loadMysql(tables);
  }
}

const csvCell = (value: Cell) => (value === null ? "" : String(value));

/** Each table as a Parquet file of declared types (written from CSV by DuckDB), read through `tables:`. */
async function loadDuckdb(dir: string, tables: Table[]): Promise<LoadedTables> {
  mkdirSync(path.join(dir, "data"), { recursive: true });
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const files: Record<string, string> = {};
  for (const table of tables) {
    const csv = path.join(dir, "data", `${table.name}.csv`);
    const header = table.columns.map(([name]) => name).join(",");
    writeFileSync(csv, `${header}\n${table.rows.map((row) => row.map(csvCell).join(",")).join("\n")}\n`);
    const types = table.columns.map(([name, type]) => `'${name}': '${SQL_TYPES.duckdb[type]}'`).join(", ");
    const parquet = `data/${table.name}.parquet`;
    files[table.name] = parquet;
    await connection.run(
      `COPY (SELECT * FROM read_csv('${csv}', header = true, columns = {${types}})) TO '${path.join(dir, parquet)}' (FORMAT parquet)`,
    );
    await connection.run(`CREATE VIEW ${table.name} AS SELECT * FROM '${path.join(dir, parquet)}'`);
  }
  return {
    engine: "duckdb",
    source: { type: "duckdb", tables: files },
    query: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[],
    drop: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

async function loadSqlite(dir: string, tables: Table[]): Promise<LoadedTables> {
  const file = path.join(dir, "desk.sqlite");
  const database = new Database(file);
  database.transaction(() => {
    for (const table of tables) {
      database.exec(createTable("sqlite", table));
      const insert = database.prepare(
        `INSERT INTO ${table.name} VALUES (${table.columns.map(() => "?").join(", ")})`,
      );
      for (const row of table.rows) insert.run(...row);
    }
  })();
  return {
    engine: "sqlite",
    source: { type: "sqlite", path: "desk.sqlite" },
    query: async (sql) => database.prepare(sql).all() as Row[],
    drop: async () => {
      database.close();
    },
  };
}

const databaseName = () => `kpi_xe_${randomBytes(6).toString("hex")}`;
const PG = { host: "127.0.0.1", port: 5432, user: "postgres" };
const MYSQL = { host: "127.0.0.1", port: 3306, user: "root" };

async function loadPostgres(tables: Table[]): Promise<LoadedTables> {
  const name = databaseName();
  const admin = new pg.Client({ ...PG, database: "postgres" });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const client = new pg.Client({ ...PG, database: name });
  await client.connect();
  // Numbers come back as numbers: bigint counts and numeric results are parsed, not left as text.
  const asNumber = (text: string) => Number(text);
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      oid === 20 || oid === 1700 ? asNumber : pg.types.getTypeParser(oid, format),
  };
  for (const table of tables) {
    await client.query(createTable("postgres", table));
    const marks = table.columns.map((_, index) => `$${index + 1}`).join(", ");
    for (const row of table.rows) await client.query(`INSERT INTO ${table.name} VALUES (${marks})`, row);
  }
  return {
    engine: "postgres",
    source: { type: "postgres", url: `postgres://postgres@127.0.0.1:5432/${name}` },
    query: async (sql) => (await client.query({ text: sql, types })).rows as Row[],
    drop: async () => {
      await client.end();
      const dropper = new pg.Client({ ...PG, database: "postgres" });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

async function loadMysql(tables: Table[]): Promise<LoadedTables> {
  const name = databaseName();
  const connection = await mysql.createConnection({
    ...MYSQL,
    // DECIMAL and BIGINT results as numbers, DATETIME as text: the comparison is on numbers.
    decimalNumbers: true,
    supportBigNumbers: false,
    dateStrings: true,
  });
  await connection.query(`CREATE DATABASE ${name}`);
  await connection.query(`USE ${name}`);
  for (const table of tables) {
    await connection.query(createTable("mysql", table));
    await connection.query(`INSERT INTO ${table.name} VALUES ?`, [table.rows]);
  }
  return {
    engine: "mysql",
    source: { type: "mysql", url: `mysql://root@127.0.0.1:3306/${name}` },
    query: async (sql) => (await connection.query(sql))[0] as Row[],
    drop: async () => {
      await connection.query(`DROP DATABASE IF EXISTS ${name}`);
      await connection.end();
    },
  };
}
