// What previous() asks of the planner: the shifted periods (spec 4.6), the statements `kpi explain`
// shows for them, and a reference cycle through previous() that ends in an error, never a hang.
import { parseFormula } from "@kpi-as-code/core";
import {
  compileWorkspace,
  decomposeChange,
  explainKpi,
  runWorkspace,
  shiftPeriod,
} from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { memoryWorkspace } from "../fixtures/memory-workspace.js";

const purchases = {
  source: "db",
  from: "events",
  time: "occurred_at",
  aggregate: "count",
  where: "kind = 'purchase'",
};
const EXTRA = {
  purchase_growth: {
    name: "Purchase growth",
    unit: "ratio",
    direction: "increase",
    formula: "purchases / previous(purchases) - 1",
    measures: { purchases },
    segments: ["channel"],
  },
  purchase_count: {
    name: "Purchases",
    unit: "count",
    direction: "increase",
    formula: "purchases",
    measures: { purchases },
  },
  zero_back: {
    name: "Zero back",
    unit: "count",
    direction: "increase",
    formula: "previous(purchases, 0)",
    measures: { purchases },
  },
  cycle_a: { name: "A", unit: "count", direction: "increase", formula: "previous(cycle_b) + 1" },
  cycle_b: { name: "B", unit: "count", direction: "increase", formula: "cycle_a * 2" },
};

describe("shiftPeriod (spec 4.6's shift)", () => {
  it.each([
    [{ start: "2026-03-01", end: "2026-04-01" }, 1, { start: "2026-02-01", end: "2026-03-01" }],
    [{ start: "2026-03-01", end: "2026-04-01" }, 12, { start: "2025-03-01", end: "2025-04-01" }],
    [{ start: "2026-01-01", end: "2026-04-01" }, 1, { start: "2025-10-01", end: "2026-01-01" }],
    // a fiscal quarter (fiscal year from April): the fiscal quarter before
    [{ start: "2026-04-01", end: "2026-07-01" }, 1, { start: "2026-01-01", end: "2026-04-01" }],
    [{ start: "2026-04-01", end: "2027-04-01" }, 2, { start: "2024-04-01", end: "2025-04-01" }],
    // a Sunday week, a day, a custom range: by their days
    [{ start: "2026-03-01", end: "2026-03-08" }, 1, { start: "2026-02-22", end: "2026-03-01" }],
    [{ start: "2026-03-01", end: "2026-03-02" }, 366, { start: "2025-02-28", end: "2025-03-01" }],
    [{ start: "2026-02-10", end: "2026-03-05" }, 1, { start: "2026-01-18", end: "2026-02-10" }],
    // one bound on a month's first day only: by days (a clipped bucket)
    [{ start: "2026-03-15", end: "2026-04-01" }, 1, { start: "2026-02-26", end: "2026-03-15" }],
  ])("shifts %o back %i times to %o", (period, times, expected) => {
    expect(shiftPeriod(period, times)).toEqual(expected);
  });
});

describe("planning previous()", () => {
  const workspace = memoryWorkspace("postgres", EXTRA);

  it("asks for the earlier period's value and breakdown, and explain shows their SQL", async () => {
    const explanation = await explainKpi({
      root: "unused",
      workspace,
      kpi: "purchase_growth",
      periodShorthand: "2026-03",
    });
    const earlier = explanation.statements.filter((statement) =>
      statement.purpose.includes("earlier period"),
    );
    expect(earlier.length).toBeGreaterThan(0);
    for (const statement of earlier) {
      expect(statement.purpose).toContain("(earlier period 2026-02-01 .. 2026-03-01)");
      expect(statement.params).toContain("2026-02-01");
      expect(statement.params).not.toContain("2026-04-01");
      expect(statement.measures).toEqual(["purchase_growth.purchases"]);
    }
    const now = explanation.statements.filter((statement) => !statement.purpose.includes("earlier"));
    expect(now.some((statement) => statement.params.includes("2026-04-01"))).toBe(true);
  });

  it("asks for one bucket-list statement per shift for a series, whatever its number of buckets", () => {
    const run = compileWorkspace(workspace, {
      targets: [{ kpi: "purchase_growth", period: { start: "2026-01-01", end: "2027-01-01" } }],
      grain: "month",
      breakdowns: false,
      totals: false,
    });
    const lists = run.compiled.filter(
      (query) => query.plan.kind === "aggregate" && query.plan.groupBy?.kind === "buckets",
    );
    expect(lists).toHaveLength(1);
    const plan = lists[0]?.plan;
    if (plan?.kind !== "aggregate" || plan.groupBy?.kind !== "buckets") throw new Error("no bucket list");
    expect(plan.groupBy.buckets).toHaveLength(12);
    expect(plan.groupBy.buckets[0]).toEqual({ key: "2026-01-01", start: "2025-12-01", end: "2026-01-01" });
    expect(plan.groupBy.buckets[11]).toEqual({ key: "2026-12-01", start: "2026-11-01", end: "2026-12-01" });
  });

  it("refuses previous(x, 0) naming the file, line, column and rule, as kpi validate does", async () => {
    const run = await runWorkspace({
      root: "unused",
      workspace,
      kpis: ["zero_back"],
      periodShorthand: "2026-03",
      env: {},
    });
    expect(run.results[0]?.status).toBe("error");
    expect(run.results[0]?.error).toMatch(/zero_back\.kpi\.yaml:\d+:\d+ measurability\/previous-arity:/);
  });

  it("ends a reference cycle through previous() in an error for the KPIs in it", async () => {
    const run = await runWorkspace({
      root: "unused",
      workspace,
      kpis: ["cycle_a"],
      periodShorthand: "2026-03",
      env: {},
    });
    expect(run.results[0]?.status).toBe("error");
  });

  it("plans --grain year as calendar years bound as parameters (engines have no year bucket)", () => {
    const run = compileWorkspace(workspace, {
      targets: [{ kpi: "purchase_count", period: { start: "2025-01-01", end: "2027-01-01" } }],
      grain: "year",
      breakdowns: false,
      totals: false,
    });
    const plans = run.compiled.map((query) => query.plan);
    expect(plans).toHaveLength(1);
    const plan = plans[0];
    if (plan?.kind !== "aggregate" || plan.groupBy?.kind !== "buckets") throw new Error("no bucket list");
    expect(plan.groupBy.buckets).toEqual([
      { key: "2025-01-01", start: "2025-01-01", end: "2026-01-01" },
      { key: "2026-01-01", start: "2026-01-01", end: "2027-01-01" },
    ]);
  });
});

describe("what moved a KPI (kpi why) and previous()", () => {
  it("splits no change of a formula that reads an earlier period into its inputs", () => {
    const growth = parseFormula("revenue / previous(revenue) - 1");
    const plain = parseFormula("revenue / visits");
    if (!growth.ok || !plain.ok) throw new Error("formulas must parse");
    const [before, after] = [
      { revenue: 100, visits: 10 },
      { revenue: 150, visits: 12 },
    ];
    expect(decomposeChange(plain.ast, before, after)).toBeDefined();
    expect(decomposeChange(growth.ast, before, after)).toBeUndefined();
  });
});
