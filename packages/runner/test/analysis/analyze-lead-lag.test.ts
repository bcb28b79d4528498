import { analyzeLeadLag, type LeadLagResult } from "@kpi-as-code/runner";
import { beforeAll, describe, expect, it } from "vitest";
import { countKpi, countsCsv, leadLagWorkspace, TODAY, TRIALS, writeFiles } from "./lead-lag-workspace.js";

let root: string;
beforeAll(() => {
  root = leadLagWorkspace();
});

const pairOf = (pairs: LeadLagResult[], leading: string) => pairs.find((pair) => pair.leading === leading);

describe("analyzeLeadLag on DuckDB", () => {
  it("finds that trials lead orders by one month and calls the noise inconclusive", async () => {
    const analysis = await analyzeLeadLag({ root, today: TODAY });
    expect(analysis.pairs.map((pair) => [pair.goal, pair.leading, pair.lagging])).toEqual([
      ["g", "flat", "orders"],
      ["g", "gappy", "orders"],
      ["g", "noise", "orders"],
      ["g", "trials", "orders"],
    ]);
    expect(pairOf(analysis.pairs, "trials")).toMatchObject({ lag: 1, r: 1, n: 10, verdict: "supports" });
    expect(pairOf(analysis.pairs, "trials")?.periods[0]).toEqual({ start: "2025-12-01", end: "2026-01-01" });
    const noise = pairOf(analysis.pairs, "noise");
    expect(noise?.verdict).toBe("inconclusive");
    expect(Math.abs(noise?.r ?? 1)).toBeLessThan(0.5);
    expect(noise?.n).toBeGreaterThanOrEqual(6);
  });

  it("computes the series in one grouped query per table, not a query per period", async () => {
    let queries = 0;
    await analyzeLeadLag({ root, today: TODAY, onProgress: (_done, total) => (queries = total) });
    // trials, noise, orders, flat and gaps: five tables, twelve months each.
    expect(queries).toBe(5);
  });

  it("says a constant series has no r instead of NaN, and names the goal without a lagging KPI", async () => {
    const analysis = await analyzeLeadLag({ root, today: TODAY });
    expect(pairOf(analysis.pairs, "flat")).toMatchObject({
      lag: null,
      r: null,
      verdict: "inconclusive",
      note: "no_variation",
    });
    expect(analysis.unpaired).toEqual([{ goal: "side", missing: "lagging" }]);
  });

  it("calls too short a series inconclusive (n < 6) even when r is high", async () => {
    const analysis = await analyzeLeadLag({ root, today: TODAY, periods: 6, maxLag: 1 });
    const trials = pairOf(analysis.pairs, "trials");
    expect(trials).toMatchObject({ lag: 1, n: 4, verdict: "inconclusive", note: "too_few_pairs" });
    expect(trials?.r).toBe(1);
  });

  it("leaves out the changes of months without data and says so", async () => {
    const gappy = pairOf((await analyzeLeadLag({ root, today: TODAY })).pairs, "gappy");
    expect(gappy?.leadingSeries.filter((value) => value === null)).toHaveLength(2);
    // Months 3 and 7 are missing: 4 of the 10 lag-1 pairs go, and the 6 left still say lag 1.
    expect(gappy).toMatchObject({ lag: 1, r: 1, n: 6, verdict: "supports", note: "missing_data" });
  });

  it("calls a pair whose KPI cannot be computed inconclusive with the reason, and the others go on", async () => {
    const broken = writeFiles({
      "kpi.yaml": [
        "project: p",
        "owners: { a: { name: A } }",
        "goals: { g: { statement: S } }",
        "sources: { app: { type: duckdb, tables: { trials: data/trials.csv } } }",
        "",
      ].join("\n"),
      "data/trials.csv": countsCsv(TRIALS),
      "trials.kpi.yaml": countKpi("trials", "trials"),
      "orders.kpi.yaml": countKpi("orders", "no_such_table", { indicator: "lagging" }),
    });
    const analysis = await analyzeLeadLag({ root: broken, today: TODAY });
    expect(analysis.pairs).toHaveLength(1);
    expect(analysis.pairs[0]).toMatchObject({
      lag: null,
      r: null,
      n: 0,
      verdict: "inconclusive",
      note: "error",
    });
    expect(analysis.pairs[0]?.message).toContain("orders");
  });

  it("refuses a lag that leaves no pairs", async () => {
    await expect(analyzeLeadLag({ root, today: TODAY, periods: 4, maxLag: 3 })).rejects.toMatchObject({
      code: "period/invalid",
    });
  });
});
