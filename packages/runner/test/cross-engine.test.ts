// The same KPI files over the same data on DuckDB (CSV + Parquet), SQLite,
// PostgreSQL and MariaDB must give the same values, statuses, breakdowns and
// series. Pick engines with KPI_ENGINES=duckdb,sqlite,postgres,mysql.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type KpiResult, type RunResult, runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoadedEngine, loadEngine, selectedEngines } from "./fixtures/engines.js";
import { writeFixtureWorkspace } from "./fixtures/kpi-files.js";
import {
  activeUsers,
  averagePurchase,
  byChannel,
  eventsIn,
  proUsersByCountry,
  purchaseRate,
  revenuePerBuyer,
  signupEvents,
} from "./fixtures/oracle.js";

const FEBRUARY = { start: "2026-02-01", end: "2026-03-01" };
const MONTHS = [
  { start: "2026-01-01", end: "2026-02-01" },
  { start: "2026-02-01", end: "2026-03-01" },
  { start: "2026-03-01", end: "2026-04-01" },
  { start: "2026-04-01", end: "2026-05-01" },
];
const RESULTS_BY_ENGINE = new Map<string, RunResult>();

function result(run: RunResult, kpi: string): KpiResult {
  const found = run.results.find((item) => item.kpi === kpi);
  if (!found) throw new Error(`no result for ${kpi}`);
  return found;
}

describe.each(selectedEngines())("on %s", (engine) => {
  let dir: string;
  let loaded: LoadedEngine;
  let february: RunResult;
  let series: RunResult;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `kpi-runner-${engine}-`));
    loaded = await loadEngine(engine, dir);
    writeFixtureWorkspace(dir, loaded.source);
    february = await runWorkspace({ root: dir, periodShorthand: "2026-02" });
    series = await runWorkspace({
      root: dir,
      period: { start: MONTHS[0]?.start as string, end: MONTHS[3]?.end as string },
      grain: "month",
      breakdowns: false,
    });
    RESULTS_BY_ENGINE.set(engine, february);
  });

  afterAll(async () => {
    await loaded?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("computes every KPI without an error", () => {
    expect(february.period).toEqual(FEBRUARY);
    expect(february.results.filter((item) => item.status === "error")).toEqual([]);
  });

  it("counts with filters, windows half-open (a row at 00:00 of the next month belongs to it)", () => {
    const events = eventsIn(FEBRUARY.start, FEBRUARY.end);
    const rate = result(february, "purchase_rate");
    expect(rate.measures.all_events).toBe(events.length);
    expect(rate.value).toBeCloseTo(purchaseRate(events), 12);
    expect(rate.status).toBe(rate.value !== null && rate.value <= 0.3 ? "at_risk" : "on_track");
  });

  it("sums, distinct counts and averages skip NULL amounts", () => {
    const events = eventsIn(FEBRUARY.start, FEBRUARY.end);
    const { revenue, buyers } = revenuePerBuyer(events);
    expect(result(february, "revenue_per_buyer").measures).toEqual({ revenue, buyers });
    expect(result(february, "average_purchase").value).toBeCloseTo(averagePurchase(events) as number, 12);
    expect(result(february, "active_users").value).toBe(activeUsers(events));
  });

  it("breaks down by segment with NULL as its own key", () => {
    const groups = byChannel(eventsIn(FEBRUARY.start, FEBRUARY.end));
    const rows = result(february, "purchase_rate").breakdowns?.channel ?? [];
    expect(rows.map((row) => row.key)).toEqual(["ads", "email", "organic", null]);
    for (const row of rows) expect(row.value).toBeCloseTo(purchaseRate(groups.get(row.key) ?? []), 12);
  });

  it("does not window snapshot measures and breaks them down too", () => {
    const share = result(february, "pro_share");
    expect(share.measures.all_users).toBe(40);
    expect(share.status).toBe("no_target");
    const expected = proUsersByCountry();
    for (const row of share.breakdowns?.country ?? []) {
      const group = expected.get(row.key);
      expect(row.measures).toEqual({ pro_users: group?.pro, all_users: group?.all });
    }
  });

  it("gives no_data with the reason for an empty max and a division by zero", () => {
    const chargeback = result(february, "largest_chargeback");
    expect([chargeback.value, chargeback.status, chargeback.measures.largest]).toEqual([
      null,
      "no_data",
      null,
    ]);
    const perUpgrade = result(february, "refunds_per_upgrade");
    expect([perUpgrade.value, perUpgrade.status, perUpgrade.measures.upgrades]).toEqual([null, "no_data", 0]);
    expect(perUpgrade.error).toBeTruthy();
  });

  it("resolves KPI references for the same period and runs raw SQL with :start and :end", () => {
    const index = result(february, "buyer_value_index").value as number;
    const product =
      (result(february, "revenue_per_buyer").value as number) *
      (result(february, "purchase_rate").value as number);
    expect(index).toBeCloseTo(product, 12);
    expect(result(february, "signups").value).toBe(signupEvents(eventsIn(FEBRUARY.start, FEBRUARY.end)));
  });

  it("gives a monthly series whose points equal runs of each month", () => {
    const rate = result(series, "purchase_rate");
    expect(rate.series?.map((point) => ({ start: point.start, end: point.end }))).toEqual(MONTHS);
    rate.series?.forEach((point, index) => {
      const month = MONTHS[index] as { start: string; end: string };
      expect(point.value).toBeCloseTo(purchaseRate(eventsIn(month.start, month.end)), 12);
    });
    const signups = result(series, "signups").series?.map((point) => point.value);
    expect(signups).toEqual(MONTHS.map((month) => signupEvents(eventsIn(month.start, month.end))));
    const index = result(series, "buyer_value_index").series?.[1]?.value;
    expect(index).toBeCloseTo(result(february, "buyer_value_index").value as number, 12);
    expect(result(series, "pro_share").series?.map((point) => point.value)).toEqual([0.4, 0.4, 0.4, 0.4]);
  });
});

describe("across engines", () => {
  it("every engine gives the same results as every other", () => {
    const runs = [...RESULTS_BY_ENGINE.values()];
    // Notices are about each server's role (the test servers log in as superusers), not results.
    const rounded = (run: RunResult) =>
      JSON.parse(
        JSON.stringify({ period: run.period, results: run.results }, (_key, value) =>
          typeof value === "number" ? Number(value.toPrecision(12)) : value,
        ),
      );
    for (const run of runs.slice(1)) expect(rounded(run)).toEqual(rounded(runs[0] as RunResult));
  });
});
