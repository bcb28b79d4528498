import { analyzeLeadLag, calendarToday, DEFAULT_CALENDAR } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { countKpi, countsCsv, NOISE, ORDERS, TODAY, TRIALS, writeFiles } from "./lead-lag-workspace.js";

// kpi analyze takes its window in kpi.yaml's calendar, as kpi run does (spec 4.7): whole Sunday
// weeks, whole fiscal quarters, today in the calendar's zone. TODAY (2026-12-15) is a Tuesday.

function workspace(calendar: string, cadence: string): string {
  const kpi = (id: string, fields: { indicator?: string } = {}) =>
    countKpi(id, id, fields).replace("cadence: monthly", `cadence: ${cadence}`);
  return writeFiles({
    "kpi.yaml": [
      "project: p",
      "owners: { a: { name: A } }",
      "goals: { g: { statement: Grow orders } }",
      `calendar: ${calendar}`,
      "sources:",
      "  app:",
      "    type: duckdb",
      "    tables: { trials: data/trials.csv, orders: data/orders.csv, noise: data/noise.csv }",
      "",
    ].join("\n"),
    "data/trials.csv": countsCsv(TRIALS),
    "data/orders.csv": countsCsv(ORDERS),
    "data/noise.csv": countsCsv(NOISE),
    "trials.kpi.yaml": kpi("trials"),
    "orders.kpi.yaml": kpi("orders", { indicator: "lagging" }),
  });
}

describe("kpi analyze in the workspace's calendar", () => {
  it("takes whole Sunday weeks with week_start: sunday, the last ending on the Sunday before today", async () => {
    const root = workspace("{ week_start: sunday }", "weekly");
    const [pair] = (await analyzeLeadLag({ root, today: TODAY })).pairs;
    expect(pair?.note).not.toBe("error");
    expect(pair?.periods).toHaveLength(12);
    expect(pair?.periods[0]).toEqual({ start: "2026-09-20", end: "2026-09-27" });
    expect(pair?.periods.at(-1)).toEqual({ start: "2026-12-06", end: "2026-12-13" });
    expect(pair?.laggingSeries.every((value) => value !== null)).toBe(true);
  });

  it("takes whole fiscal quarters with fiscal_year_start: 2", async () => {
    const root = workspace("{ fiscal_year_start: 2 }", "quarterly");
    const [pair] = (await analyzeLeadLag({ root, today: TODAY, periods: 4, maxLag: 1 })).pairs;
    expect(pair?.periods).toEqual([
      { start: "2025-11-01", end: "2026-02-01" },
      { start: "2026-02-01", end: "2026-05-01" },
      { start: "2026-05-01", end: "2026-08-01" },
      { start: "2026-08-01", end: "2026-11-01" },
    ]);
    // Whole quarters of the monthly counts: Nov 2025 has no rows, Dec-Jan do.
    expect(pair?.laggingSeries[1]).toBe(ORDERS.slice(2, 5).reduce((sum, n) => sum + n, 0));
  });

  it("takes today in the calendar's zone", () => {
    const now = new Date("2026-12-31T23:30:00Z");
    expect(calendarToday({ ...DEFAULT_CALENDAR, timezone: "Pacific/Auckland" }, now)).toBe("2027-01-01");
    expect(calendarToday({ ...DEFAULT_CALENDAR, timezone: "America/New_York" }, now)).toBe("2026-12-31");
  });
});
