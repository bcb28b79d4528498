import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { fixtureEvents, toCsv } from "../fixtures/engine-data.js";

// The expected values of the previous() tests: hand-written SQL over the fixture's events, run by
// DuckDB on a CSV of the same rows, independent of the runner's planning and compilation.

export interface HandSql {
  /** The first cell of the statement's one row; `events` is the fixture's table. */
  value(sql: string): Promise<number | null>;
  close(): void;
}

export async function handSql(): Promise<HandSql> {
  const dir = mkdtempSync(path.join(tmpdir(), "kpi-previous-sql-"));
  const csv = path.join(dir, "events.csv");
  writeFileSync(csv, toCsv(fixtureEvents()));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const columns =
    "{'event_id': 'INTEGER', 'user_id': 'INTEGER', 'kind': 'VARCHAR', 'amount': 'DOUBLE', 'channel': 'VARCHAR', 'occurred_at': 'TIMESTAMP'}";
  await connection.run(
    `CREATE TABLE events AS SELECT * FROM read_csv('${csv}', header = true, columns = ${columns})`,
  );
  return {
    async value(sql) {
      const reader = await connection.runAndReadAll(sql);
      const cell = reader.getRowsJson()[0]?.[0];
      return cell === null || cell === undefined ? null : Number(cell);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `count(*)` of purchases in [start, end), optionally of one channel (null: no channel). */
export function purchasesSql(start: string, end: string, channel?: string | null): string {
  const segment =
    channel === undefined ? "" : channel === null ? " AND channel IS NULL" : ` AND channel = '${channel}'`;
  return `SELECT count(*) FROM events WHERE kind = 'purchase' AND occurred_at >= TIMESTAMP '${start}' AND occurred_at < TIMESTAMP '${end}'${segment}`;
}

/** The sum of purchase amounts in [start, end). */
export function revenueSql(start: string, end: string): string {
  return `SELECT sum(amount) FROM events WHERE kind = 'purchase' AND occurred_at >= TIMESTAMP '${start}' AND occurred_at < TIMESTAMP '${end}'`;
}

/** Distinct users with an event in the 28 days up to `end` (a `window: 28d` measure's rows). */
export function active28Sql(end: string): string {
  return `SELECT count(DISTINCT user_id) FROM events WHERE occurred_at >= TIMESTAMP '${end}' - INTERVAL 28 DAY AND occurred_at < TIMESTAMP '${end}'`;
}
