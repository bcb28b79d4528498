// Spec section 4.1-4.4 through the runner on a two-shard ClickHouse cluster (Distributed tables over
// MergeTree on each shard), compared with DuckDB's values for the same rows; and a shard down.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunResult, runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUSTER, clusterOrSkip, loadShard, onEveryShard, SHARD_URLS } from "./clickhouse-cluster.js";

const reachable = await clusterOrSkip();

// id, channel, created_at, first_response_at, closed_at (null: still open / never answered)
const TICKETS: (string | number | null)[][] = [
  [1, "email", "2026-01-20 09:00:00", "2026-01-20 10:30:00", "2026-02-01 00:00:00"],
  [2, "chat", "2026-02-02 08:00:00", "2026-02-02 10:30:00", null],
  [3, "chat", "2026-02-05 12:00:00", "2026-02-05 12:30:00", "2026-03-10 00:00:00"],
  [4, "email", "2026-02-10 09:00:00", "2026-02-10 11:00:00", "2026-02-11 00:00:00"],
  [5, "phone", "2026-02-14 15:00:00", null, null],
  [6, "email", "2026-02-20 07:00:00", "2026-02-20 09:00:00", null],
  [7, "chat", "2026-02-27 22:00:00", "2026-02-28 01:00:00", null],
  [8, "phone", "2026-03-03 10:00:00", "2026-03-03 10:45:00", null],
];

const base = { version: 1, owner: "ops", goal: "serve", indicator: "lagging", cadence: "monthly" };
const tickets = { source: "db", from: "tickets", time: "created_at" };
const response = { from: "created_at", to: "first_response_at" };
const kpi = (formula: string, measures: Record<string, unknown>, segments = ["channel"]) => ({
  ...base,
  name: formula,
  description: "ClickHouse cross-engine KPI.",
  unit: "count",
  direction: "decrease",
  formula,
  measures,
  segments,
});

const KPIS: Record<string, Record<string, unknown>> = {
  response_median: kpi("h", { h: { ...tickets, aggregate: "median", duration: response } }),
  response_p90: kpi("h", { h: { ...tickets, aggregate: "percentile", percentile: 0.9, duration: response } }),
  response_avg: kpi("h", { h: { ...tickets, aggregate: "avg", duration: response } }),
  recent: kpi("n", { n: { ...tickets, aggregate: "count", window: "28d" } }),
  ever: kpi("n", { n: { ...tickets, aggregate: "count", window: "all" } }),
  backlog: kpi("n", {
    n: {
      source: "db",
      from: "tickets",
      aggregate: "count",
      active: { from: "created_at", until: "closed_at" },
    },
  }),
  open_channels: kpi("n", {
    n: { ...tickets, aggregate: "count_distinct", column: "channel", where: "closed_at IS NULL" },
  }),
  id_sum: kpi("s", { s: { ...tickets, aggregate: "sum", expr: "id * 2", where: "created_at < :end" } }),
  raw_count: kpi(
    "n",
    {
      n: {
        source: "db",
        sql: "select count(*) from tickets where created_at >= :start and created_at < :end",
      },
    },
    [],
  ),
};

function writeWorkspace(dir: string, source: Record<string, unknown>, kpis = KPIS): void {
  mkdirSync(dir, { recursive: true });
  const project = {
    project: "clickhouse",
    owners: { ops: { name: "Ops" } },
    goals: { serve: { statement: "Serve" } },
  };
  writeFileSync(path.join(dir, "kpi.yaml"), JSON.stringify({ ...project, sources: { db: source } }));
  for (const [id, fields] of Object.entries(kpis))
    writeFileSync(path.join(dir, `${id}.kpi.yaml`), JSON.stringify({ kpi: id, ...fields }));
}

function values(run: RunResult): Record<string, unknown> {
  return Object.fromEntries(
    run.results.map((result) => [
      result.kpi,
      {
        value: result.value,
        error: result.error ?? null,
        channel: result.breakdowns?.channel ?? null,
        series: result.series ?? null,
      },
    ]),
  );
}

describe.skipIf(!reachable)("the runner on a two-shard ClickHouse cluster", () => {
  const dirs: string[] = [];
  const workspace = (name: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), `kpi-clickhouse-${name}-`));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    for (const table of ["tickets", "tickets_down", "tickets_local"])
      await onEveryShard(`DROP TABLE IF EXISTS default.${table}`);
    await onEveryShard(
      "CREATE TABLE default.tickets_local (id UInt32, channel String, created_at DateTime('UTC'), first_response_at Nullable(DateTime('UTC')), closed_at Nullable(DateTime('UTC'))) ENGINE = MergeTree ORDER BY id",
    );
    await onEveryShard(
      `CREATE TABLE default.tickets AS default.tickets_local ENGINE = Distributed(${CLUSTER}, default, tickets_local, id)`,
    );
    await onEveryShard(
      "CREATE TABLE default.tickets_down AS default.tickets_local ENGINE = Distributed(kpi_cluster_down, default, tickets_local, id)",
    );
    await loadShard(
      0,
      "default.tickets_local",
      TICKETS.filter((row) => Number(row[0]) % 2 === 1),
    );
    await loadShard(
      1,
      "default.tickets_local",
      TICKETS.filter((row) => Number(row[0]) % 2 === 0),
    );
  });

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("computes the same values and breakdowns as DuckDB over the same rows", async () => {
    const duck = workspace("duckdb");
    const csv = ["id,channel,created_at,first_response_at,closed_at"]
      .concat(TICKETS.map((row) => row.map((value) => value ?? "").join(",")))
      .join("\n");
    mkdirSync(path.join(duck, "data"));
    writeFileSync(path.join(duck, "data/tickets.csv"), `${csv}\n`);
    writeWorkspace(duck, { type: "duckdb", tables: { tickets: "data/tickets.csv" } });
    const house = workspace("clickhouse");
    writeWorkspace(house, { type: "clickhouse", url: `${SHARD_URLS[0]}/default` });
    // Periods, then series bucketed by week (toMonday), month and quarter.
    const runs = [
      { periodShorthand: "2026-02" },
      { periodShorthand: "2026-03" },
      { period: { start: "2026-02-01", end: "2026-03-01" }, grain: "week" as const, breakdowns: false },
      { period: { start: "2026-01-01", end: "2026-04-01" }, grain: "month" as const, breakdowns: false },
      { period: { start: "2026-01-01", end: "2026-07-01" }, grain: "quarter" as const, breakdowns: false },
    ];
    for (const options of runs) {
      // Series of windows and states too: 18.16 joins the bucket list ON 1 = 1 and filters in WHERE.
      const expected = values(await runWorkspace({ root: duck, ...options }));
      const actual = values(await runWorkspace({ root: house, ...options }));
      for (const result of Object.values(actual)) expect((result as { error: unknown }).error).toBeNull();
      expect(
        JSON.parse(JSON.stringify(actual, (_key, v) => (typeof v === "number" ? Number(v.toFixed(9)) : v))),
      ).toEqual(
        JSON.parse(JSON.stringify(expected, (_key, v) => (typeof v === "number" ? Number(v.toFixed(9)) : v))),
      );
    }
  });

  it("fails the KPIs reading a shard that is down with ClickHouse's message, the others compute", async () => {
    const dir = workspace("down");
    writeWorkspace(
      dir,
      { type: "clickhouse", url: `${SHARD_URLS[0]}/default` },
      {
        healthy: KPIS.ever as Record<string, unknown>,
        broken: kpi(
          "n",
          { n: { source: "db", from: "tickets_down", time: "created_at", aggregate: "count" } },
          [],
        ),
      },
    );
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-02" });
    const healthy = run.results.find((result) => result.kpi === "healthy");
    const broken = run.results.find((result) => result.kpi === "broken");
    expect(healthy?.status).not.toBe("error");
    expect(healthy?.value).toBe(7);
    expect(broken?.status).toBe("error");
    expect(JSON.stringify(broken?.error)).toContain("db");
    expect(JSON.stringify(broken?.error)).toContain("9003");
  });
});
