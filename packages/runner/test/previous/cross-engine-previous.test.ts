// Spec 4.6 on every engine: previous(x[, n]) reads x for the period shifted back n times (by months
// when both bounds are a month's first day, else by days), for a value, each segment's row and each
// bucket of a series, on kpi.yaml's calendar (Sunday weeks, fiscal years from February). Expected
// values come from hand-written SQL over the same rows.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type KpiResult, runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoadedEngine, loadEngine, selectedEngines } from "../fixtures/engines.js";
import { projectFile, writeFixtureWorkspace } from "../fixtures/kpi-files.js";
import { active28Sql, type HandSql, handSql, purchasesSql, revenueSql } from "./hand-sql.js";

const purchases = {
  source: "db",
  from: "events",
  time: "occurred_at",
  aggregate: "count",
  where: "kind = 'purchase'",
};
const revenue = { ...purchases, aggregate: "sum", column: "amount" };
const rawPurchases = {
  source: "db",
  sql: "select count(*) from events where kind = 'purchase' and occurred_at >= :start and occurred_at < :end",
};

const KPIS: Record<string, Record<string, unknown>> = {
  purchase_growth: {
    name: "Purchases on the previous period",
    unit: "ratio",
    direction: "increase",
    formula: "purchases / previous(purchases) - 1",
    measures: { purchases },
    segments: ["channel"],
  },
  purchases_year_ago: {
    name: "Purchases a year ago",
    unit: "count",
    direction: "increase",
    formula: "previous(purchases, 12)",
    measures: { purchases },
  },
  revenue_change: {
    name: "Revenue change",
    unit: "currency",
    currency: "EUR",
    direction: "increase",
    cadence: "quarterly",
    formula: "revenue - previous(revenue)",
    measures: { revenue },
  },
  raw_two_back: {
    name: "Purchases two periods back (raw SQL, nested)",
    unit: "count",
    direction: "increase",
    formula: "previous(previous(purchases))",
    measures: { purchases: rawPurchases },
  },
  active_change: {
    name: "Change of 28-day actives",
    unit: "count",
    direction: "increase",
    formula: "active - previous(active)",
    measures: {
      active: {
        source: "db",
        from: "events",
        time: "occurred_at",
        window: "28d",
        aggregate: "count_distinct",
        column: "user_id",
      },
    },
  },
  purchase_count: {
    name: "Purchases",
    unit: "count",
    direction: "increase",
    formula: "purchases",
    measures: { purchases },
  },
  purchase_count_change: {
    name: "Change of the purchases KPI",
    unit: "count",
    direction: "increase",
    formula: "purchase_count - previous(purchase_count)",
  },
};

const calendar = { week_start: "sunday", fiscal_year_start: 2 };

function result(results: KpiResult[], kpi: string): KpiResult {
  const found = results.find((entry) => entry.kpi === kpi);
  if (!found) throw new Error(`no result for ${kpi}`);
  return found;
}

describe.each(selectedEngines())("previous() on %s", (engine) => {
  let dir: string;
  let loaded: LoadedEngine;
  let sql: HandSql;
  const count = (start: string, end: string, channel?: string | null) =>
    sql.value(purchasesSql(start, end, channel)) as Promise<number>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `kpi-previous-${engine}-`));
    loaded = await loadEngine(engine, dir);
    writeFixtureWorkspace(dir, loaded.source, KPIS);
    const project = JSON.parse(projectFile({ db: loaded.source })) as Record<string, unknown>;
    writeFileSync(path.join(dir, "kpi.yaml"), JSON.stringify({ ...project, calendar }));
    sql = await handSql();
  });
  afterAll(async () => {
    await loaded?.drop();
    sql?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives month-on-month growth, per channel too, and a KPI's change on the previous month", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-03" });
    const [march, february] = [
      await count("2026-03-01", "2026-04-01"),
      await count("2026-02-01", "2026-03-01"),
    ];
    expect(march).not.toBe(february);
    const growth = result(run.results, "purchase_growth");
    expect(growth.value).toBeCloseTo(march / february - 1, 12);
    const rows = growth.breakdowns?.channel ?? [];
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) {
      const [now, before] = [
        await count("2026-03-01", "2026-04-01", row.key),
        await count("2026-02-01", "2026-03-01", row.key),
      ];
      expect(row.value, `channel ${row.key}`).toBeCloseTo(now / before - 1, 12);
    }
    expect(result(run.results, "purchase_count_change").value).toBe(march - february);
  });

  it("reads a monthly KPI a year ago with previous(x, 12)", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2027-03", kpis: ["purchases_year_ago"] });
    const expected = await count("2026-03-01", "2026-04-01");
    expect(expected).toBeGreaterThan(0);
    expect(run.results[0]?.value).toBe(expected);
  });

  it("shifts a fiscal quarter to the fiscal quarter before (fiscal years from February)", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-Q1", kpis: ["revenue_change"] });
    expect(run.results[0]?.period).toEqual({ start: "2026-02-01", end: "2026-05-01" });
    const now = (await sql.value(revenueSql("2026-02-01", "2026-05-01"))) as number;
    const before = (await sql.value(revenueSql("2025-11-01", "2026-02-01"))) as number;
    expect(before).toBeGreaterThan(0); // January's purchases: a calendar quarter before would hold none
    expect(run.results[0]?.value).toBeCloseTo(now - before, 9);
  });

  it("shifts a Sunday week by 7 days and a custom period by its length in days", async () => {
    const week = await runWorkspace({ root: dir, periodShorthand: "2026-W10", kpis: ["purchase_growth"] });
    expect(week.results[0]?.period).toEqual({ start: "2026-03-01", end: "2026-03-08" });
    const [thisWeek, lastWeek] = [
      await count("2026-03-01", "2026-03-08"),
      await count("2026-02-22", "2026-03-01"),
    ];
    expect(week.results[0]?.value).toBeCloseTo(thisWeek / lastWeek - 1, 12);

    const custom = await runWorkspace({
      root: dir,
      period: { start: "2026-02-10", end: "2026-03-05" },
      kpis: ["purchase_growth", "raw_two_back"],
      breakdowns: false,
    });
    // 23 days back, and twice that for the nested raw SQL measure.
    const [now, before] = [await count("2026-02-10", "2026-03-05"), await count("2026-01-18", "2026-02-10")];
    expect(result(custom.results, "purchase_growth").value).toBeCloseTo(now / before - 1, 12);
    expect(result(custom.results, "raw_two_back").value).toBe(await count("2025-12-26", "2026-01-18"));
  });

  it("gives each bucket of a series its own previous bucket, structured, raw SQL and KPI references alike", async () => {
    const run = await runWorkspace({
      root: dir,
      period: { start: "2026-02-01", end: "2026-05-01" },
      grain: "month",
      kpis: ["purchase_growth", "raw_two_back", "purchase_count_change"],
      breakdowns: false,
    });
    const months = ["2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"];
    const counts = await Promise.all(
      months.slice(0, -1).map((start, i) => count(start, months[i + 1] as string)),
    );
    const growth = result(run.results, "purchase_growth").series ?? [];
    expect(growth.map((point) => point.start)).toEqual(["2026-02-01", "2026-03-01", "2026-04-01"]);
    growth.forEach((point, i) => {
      expect(point.value, point.start).toBeCloseTo(
        (counts[i + 2] as number) / (counts[i + 1] as number) - 1,
        12,
      );
    });
    expect(result(run.results, "raw_two_back").series?.map((point) => point.value)).toEqual(
      counts.slice(0, 3),
    );
    expect(result(run.results, "purchase_count_change").series?.map((point) => point.value)).toEqual(
      [2, 3, 4].map((i) => (counts[i] as number) - (counts[i - 1] as number)),
    );
  });

  it("gives each week of a series the week before, a clipped bucket the days before it", async () => {
    const run = await runWorkspace({
      root: dir,
      period: { start: "2026-03-01", end: "2026-03-20" },
      grain: "week",
      kpis: ["purchase_growth"],
      breakdowns: false,
    });
    const series = run.results[0]?.series ?? [];
    expect(series.map((point) => [point.start, point.end])).toEqual([
      ["2026-03-01", "2026-03-08"],
      ["2026-03-08", "2026-03-15"],
      ["2026-03-15", "2026-03-20"],
    ]);
    const before = [
      ["2026-02-22", "2026-03-01"],
      ["2026-03-01", "2026-03-08"],
      ["2026-03-10", "2026-03-15"],
    ];
    for (const [i, point] of series.entries()) {
      const [start, end] = before[i] as [string, string];
      expect(point.value, point.start).toBeCloseTo(
        (await count(point.start, point.end)) / (await count(start, end)) - 1,
        12,
      );
    }
  });

  it("buckets a series by fiscal year (--grain year) and gives each year the year before", async () => {
    const run = await runWorkspace({
      root: dir,
      period: { start: "2025-02-01", end: "2027-02-01" },
      grain: "year",
      kpis: ["purchase_count", "purchase_growth"],
      breakdowns: false,
    });
    const [first, second] = [
      await count("2025-02-01", "2026-02-01"),
      await count("2026-02-01", "2027-02-01"),
    ];
    expect(first).toBeGreaterThan(0); // January 2026 lies in fiscal year 2025
    const counts = result(run.results, "purchase_count").series ?? [];
    expect(counts.map((point) => [point.start, point.end, point.value])).toEqual([
      ["2025-02-01", "2026-02-01", first],
      ["2026-02-01", "2027-02-01", second],
    ]);
    const growth = result(run.results, "purchase_growth").series ?? [];
    expect(growth[0]?.value).toBeNull(); // fiscal 2024 had no purchase: a division by zero
    expect(growth[1]?.value).toBeCloseTo(second / first - 1, 12);
  });

  it("reads a window measure's earlier value up to the earlier period's end, in a value and a weekly series", async () => {
    const active = (end: string) => sql.value(active28Sql(end)) as Promise<number>;
    const run = await runWorkspace({
      root: dir,
      period: { start: "2026-03-01", end: "2026-03-22" },
      grain: "week",
      kpis: ["active_change"],
      breakdowns: false,
    });
    const result = run.results[0];
    // 21 days back: the window of the earlier period ends on 2026-03-01.
    expect(result?.value).toBe((await active("2026-03-22")) - (await active("2026-03-01")));
    const ends = ["2026-03-08", "2026-03-15", "2026-03-22"];
    const expected = await Promise.all(
      ends.map(async (end, i) => (await active(end)) - (await active(ends[i - 1] ?? "2026-03-01"))),
    );
    expect(result?.series?.map((point) => point.value)).toEqual(expected);
    expect(expected.some((value) => value !== 0)).toBe(true);
  });
});
