// Spec section 4.1-4.4 on every engine: percentiles (native or emulated in the engine's SQL),
// durations in hours, expr, :start/:end in where and expr, windows and states at an instant, with
// a segment breakdown and a weekly series, compared with numbers computed by hand from
// fixtures/measure-data.ts. Pick engines with KPI_ENGINES=duckdb,sqlite,postgres,mysql.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { explainKpi, type KpiResult, type RunResult, runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoadedEngine, selectedEngines } from "./fixtures/engines.js";
import { writeFixtureWorkspace } from "./fixtures/kpi-files.js";
import { loadMeasureData } from "./fixtures/measure-data.js";

const tickets = { source: "db", from: "tickets", time: "created_at" };
const response = { from: "created_at", to: "first_response_at" };
const orders = { source: "db", from: "orders" };
const kpi = (formula: string, measures: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: formula,
  unit: "count",
  direction: "decrease",
  formula,
  measures,
  ...extra,
});
const byChannel = { segments: ["channel"] };

const KPIS: Record<string, Record<string, unknown>> = {
  response_median: kpi(
    "median_hours",
    { median_hours: { ...tickets, aggregate: "median", duration: response } },
    byChannel,
  ),
  response_p90: kpi(
    "p90_hours",
    { p90_hours: { ...tickets, aggregate: "percentile", percentile: 0.9, duration: response } },
    byChannel,
  ),
  response_avg: kpi(
    "avg_hours",
    { avg_hours: { ...tickets, aggregate: "avg", duration: response } },
    byChannel,
  ),
  fax_response: kpi("fax_hours + fax_tickets", {
    fax_hours: { ...tickets, aggregate: "median", duration: response, where: "channel = 'fax'" },
    fax_tickets: { ...tickets, aggregate: "count", where: "channel = 'fax'" },
  }),
  recent_tickets: kpi("recent", { recent: { ...tickets, aggregate: "count", window: "28d" } }, byChannel),
  response_median_28d: kpi("median_hours", {
    median_hours: { ...tickets, aggregate: "median", duration: response, window: "28d" },
  }),
  tickets_ever: kpi("ever", { ever: { ...tickets, aggregate: "count", window: "all" } }),
  backlog_end: kpi(
    "open",
    {
      open: {
        source: "db",
        from: "tickets",
        aggregate: "count",
        active: { from: "created_at", until: "closed_at" },
      },
    },
    byChannel,
  ),
  backlog_start: kpi("open", {
    open: {
      source: "db",
      from: "tickets",
      aggregate: "count",
      active: { from: "created_at", until: "closed_at", at: "start" },
    },
  }),
  late_responses: kpi("late", {
    late: { ...tickets, aggregate: "count", where: "first_response_at >= :end" },
  }),
  order_value: kpi("revenue", {
    revenue: { ...orders, time: "ordered_at", aggregate: "sum", expr: "quantity * price" },
    median_value: { ...orders, time: "ordered_at", aggregate: "median", expr: "quantity * price" },
  }),
  order_bounds: kpi("since_start + before_end", {
    since_start: { ...orders, aggregate: "sum", expr: "CASE WHEN ordered_at >= :start THEN quantity END" },
    before_end: { ...orders, aggregate: "count", where: "ordered_at < :end" },
  }),
};

const FEBRUARY = { start: "2026-02-01", end: "2026-03-01" };
const RESULTS = new Map<string, RunResult>();

function result(run: RunResult, id: string): KpiResult {
  const found = run.results.find((item) => item.kpi === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

function breakdown(run: RunResult, id: string): Record<string, number | null> {
  const rows = result(run, id).breakdowns?.channel ?? [];
  return Object.fromEntries(rows.map((row) => [String(row.key), row.value]));
}

function series(run: RunResult, id: string): Record<string, number | null> {
  return Object.fromEntries((result(run, id).series ?? []).map((point) => [point.start, point.value]));
}

function expectClose(actual: Record<string, number | null>, expected: Record<string, number>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, value] of Object.entries(expected)) expect(actual[key]).toBeCloseTo(value, 9);
}

describe.each(selectedEngines())("section 4 measures on %s", (engine) => {
  let dir: string;
  let loaded: LoadedEngine;
  let february: RunResult;
  let march: RunResult;
  let weeks: RunResult;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `kpi-measures-${engine}-`));
    loaded = await loadMeasureData(engine, dir);
    writeFixtureWorkspace(dir, loaded.source, KPIS);
    const run = { root: dir };
    february = await runWorkspace({ ...run, periodShorthand: "2026-02" });
    march = await runWorkspace({ ...run, periodShorthand: "2026-03", breakdowns: false });
    weeks = await runWorkspace({ ...run, period: FEBRUARY, grain: "week", breakdowns: false });
    RESULTS.set(engine, february);
  }, 60_000);

  afterAll(async () => {
    await loaded?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("computes every KPI without an error", () => {
    for (const run of [february, march, weeks])
      expect(run.results.filter((item) => item.status === "error").map((item) => item.error)).toEqual([]);
  });

  it("median and percentile are continuous over the non-null values (ties, one row, no rows)", () => {
    // Hours to first response of February's tickets: 1.5, 2.5, 0.5, 2, null, 2.
    expect(result(february, "response_median").value).toBeCloseTo(2, 9);
    expect(result(february, "response_p90").value).toBeCloseTo(2.3, 9);
    expectClose(breakdown(february, "response_median"), { email: 2, chat: 1.25, phone: 2 });
    expectClose(breakdown(february, "response_p90"), { email: 2.4, chat: 1.85, phone: 2 });
    expect(result(february, "fax_response").measures).toEqual({ fax_hours: null, fax_tickets: 0 });
    expect(result(february, "fax_response").value).toBeNull();
  });

  it("a duration is in hours, null when either end is null", () => {
    expect(result(february, "response_avg").value).toBeCloseTo(1.7, 9);
    expectClose(breakdown(february, "response_avg"), { email: 2, chat: 1.25, phone: 2 });
  });

  it("windows count up to the period's end: 28 days and all", () => {
    expect(result(february, "recent_tickets").value).toBe(6);
    expectClose(breakdown(february, "recent_tickets"), { email: 2, chat: 3, phone: 1 });
    // March's 28 days start on March 4 (inclusive): ticket 11, not ticket 9 of March 1.
    expect(result(march, "recent_tickets").value).toBe(1);
    expect(result(february, "tickets_ever").value).toBe(9);
    expect(result(march, "tickets_ever").value).toBe(11);
  });

  it("a state counts the rows open at the period's end or start", () => {
    expect(result(february, "backlog_end").value).toBe(5);
    expectClose(breakdown(february, "backlog_end"), { email: 1, chat: 3, phone: 1 });
    // Ticket 7 closed at 2026-02-01 00:00, the start itself: still open then (until >= T).
    expect(result(february, "backlog_start").value).toBe(2);
    // At April 1: tickets 2, 5, 6, 8 and 9 (3 and 11 closed in March).
    expect(result(march, "backlog_end").value).toBe(5);
  });

  it("binds :start and :end in where and expr to the period's bounds", () => {
    expect(result(february, "late_responses").value).toBe(1);
    expect(result(february, "order_value").measures).toEqual({ revenue: 55, median_value: 20 });
    expect(result(february, "order_bounds").measures).toEqual({ since_start: 8, before_end: 4 });
    expect(result(march, "order_bounds").measures).toEqual({ since_start: 1, before_end: 5 });
  });

  it("each bucket of a series uses its own bounds for windows, states and :end", () => {
    expectClose(series(weeks, "recent_tickets"), {
      "2026-02-01": 2,
      "2026-02-02": 3,
      "2026-02-09": 5,
      "2026-02-16": 5,
      "2026-02-23": 6,
    });
    expectClose(series(weeks, "backlog_end"), {
      "2026-02-01": 1,
      "2026-02-02": 2,
      "2026-02-09": 4,
      "2026-02-16": 4,
      "2026-02-23": 5,
    });
    // A percentile over each bucket's 28 days (window functions per bucket on SQLite and MariaDB).
    expectClose(series(weeks, "response_median_28d"), {
      "2026-02-01": 6,
      "2026-02-02": 2.5,
      "2026-02-09": 2,
      "2026-02-16": 1.75,
      "2026-02-23": 2,
    });
    const medians = series(weeks, "response_median");
    expect(medians["2026-02-02"]).toBeCloseTo(2, 9);
    expect(medians["2026-02-09"]).toBeCloseTo(1.25, 9);
    expect(medians["2026-02-16"]).toBeNull();
    expect(series(weeks, "late_responses")["2026-02-23"]).toBe(1);
    expect(series(weeks, "late_responses")["2026-02-02"]).toBe(0);
  });

  it("batches the ticket measures of a period into one scan per table and purpose", async () => {
    const explained = await explainKpi({ root: dir, kpi: "response_p90", periodShorthand: "2026-02" });
    const sql = explained.statements.map((statement) => statement.sql ?? "").join("\n");
    if (engine === "sqlite" || engine === "mysql") expect(sql).toContain("row_number() OVER");
    else expect(sql).toContain("percentile_cont(0.9)");
    expect(sql).not.toContain(":end");
  });
});

describe("the engines agree", () => {
  it("on every value and breakdown of February", () => {
    const runs = [...RESULTS.values()];
    const rounded = (value: number | null) => (value === null ? null : Number(value.toFixed(9)));
    const values = (run: RunResult) =>
      run.results.map((item) => [
        item.kpi,
        rounded(item.value),
        (item.breakdowns?.channel ?? []).map((row) => [row.key, rounded(row.value)]),
      ]);
    for (const run of runs.slice(1)) expect(values(run)).toEqual(values(runs[0] as RunResult));
  });
});
