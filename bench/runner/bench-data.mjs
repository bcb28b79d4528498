// The runner benchmark's data and workspace: a 10-million-row events table in
// Parquet, generated once with DuckDB's range() and cached in bench/.work/, and
// a workspace of 50 KPIs over it.
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { stringify } from "yaml";

export const ROWS = 10_000_000;
export const KINDS = ["visit", "signup", "purchase", "refund", "upgrade"];
export const CHANNELS = ["ads", "email", "organic", "social"];
export const SEGMENTS = ["channel", "country"];

const EVENTS_SQL = `
SELECT i AS event_id,
       (i * 7919) % 20000 AS user_id,
       ['visit', 'signup', 'purchase', 'refund', 'upgrade'][(i % 5) + 1] AS kind,
       CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 1000) * 0.5 END AS amount,
       ['ads', 'email', 'organic', 'social'][((i // 3) % 4) + 1] AS channel,
       ['de', 'fr', 'us', 'uk', 'es', 'it'][((i // 11) % 6) + 1] AS country,
       TIMESTAMP '2025-01-01' + to_microseconds(CAST(i AS BIGINT) * 3153600) AS occurred_at
FROM range(${ROWS}) t(i)`;

/** Writes events.parquet unless it is there (a temp name first, so an interrupted run leaves nothing half-written). */
export async function ensureEventsParquet(workspaceDir) {
  const dataDir = join(workspaceDir, "data");
  const target = join(dataDir, "events.parquet");
  if (existsSync(target)) return { path: target, generated: false };
  mkdirSync(dataDir, { recursive: true });
  const partial = join(dataDir, "events.partial.parquet");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(`COPY (${EVENTS_SQL}) TO '${partial}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
  renameSync(partial, target);
  return { path: target, generated: true };
}

/** 50 KPIs: counts, distinct counts, ratios, averages and revenue per buyer, per kind and per kind and channel. */
export function benchKpis() {
  const kpis = [];
  const filters = [
    ...KINDS.map((kind) => ({ id: kind, where: `kind = '${kind}'` })),
    ...KINDS.map((kind, index) => {
      const channel = CHANNELS[index % CHANNELS.length];
      return { id: `${kind}_${channel}`, where: `kind = '${kind}' AND channel = '${channel}'` };
    }),
  ];
  const inPeriod = { source: "events_db", from: "events", time: "occurred_at" };
  for (const { id, where } of filters) {
    kpis.push(
      { kpi: `${id}_count`, formula: "n", measures: { n: { ...inPeriod, aggregate: "count", where } } },
      {
        kpi: `${id}_users`,
        formula: "users",
        measures: { users: { ...inPeriod, aggregate: "count_distinct", column: "user_id", where } },
      },
      {
        kpi: `${id}_share`,
        formula: "n / total",
        measures: {
          n: { ...inPeriod, aggregate: "count", where },
          total: { ...inPeriod, aggregate: "count" },
        },
      },
      {
        kpi: `${id}_average`,
        formula: "average",
        measures: { average: { ...inPeriod, aggregate: "avg", column: "amount", where } },
      },
      {
        kpi: `${id}_per_user`,
        formula: "amount / users",
        measures: {
          amount: { ...inPeriod, aggregate: "sum", column: "amount", where },
          users: { ...inPeriod, aggregate: "count_distinct", column: "user_id", where },
        },
      },
    );
  }
  return kpis;
}

/**
 * A KPI file as people write them: block YAML. (JSON is YAML too, but its nested flow collections
 * are outside core's fast parser: 51 such files took ~0.1 s more to load on a quiet machine.)
 */
export function kpiFileText(kpi, extra = {}) {
  return stringify({
    version: 1,
    name: kpi.kpi,
    description: "Benchmark KPI.",
    owner: "bench",
    goal: "bench",
    indicator: "lagging",
    unit: "count",
    direction: "increase",
    cadence: "monthly",
    segments: SEGMENTS,
    thresholds: { warning: 10, critical: 5 },
    ...kpi,
    ...extra,
  });
}

export function projectFileText() {
  return stringify({
    project: "runner-bench",
    owners: { bench: { name: "Bench" } },
    goals: { bench: { statement: "Measure the runner" } },
    sources: { events_db: { type: "duckdb", tables: { events: "data/events.parquet" } } },
  });
}

export function writeBenchWorkspace(workspaceDir) {
  mkdirSync(workspaceDir, { recursive: true });
  writeFileSync(join(workspaceDir, "kpi.yaml"), projectFileText());
  for (const kpi of benchKpis()) writeFileSync(join(workspaceDir, `${kpi.kpi}.kpi.yaml`), kpiFileText(kpi));
}
