// The three example workspaces computed end to end by the runner and checked
// against the examples' own naive DuckDB evaluation (examples/test/evaluate.ts),
// which shares no code with the runner: NPS, ratios, averages, distinct counts,
// raw SQL, KPIs referencing KPIs, and periods with no data.
import path from "node:path";
import { type KpiResult, runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeKpi, openWorkspaceDatabase, statusOf } from "../../../examples/test/evaluate.js";
import { EXAMPLE_NAMES, loadWorkspace } from "../../../examples/test/workspace.js";

type Connection = Awaited<ReturnType<typeof openWorkspaceDatabase>>;

const PERIODS = [
  { label: "2026-10", start: "2026-10-01", end: "2026-11-01" },
  { label: "2026-W47", start: "2026-11-16", end: "2026-11-23" },
  // Long before the data starts: counts are 0, ratios divide by zero, averages have no value.
  { label: "2020-01", start: "2020-01-01", end: "2020-02-01" },
];

describe.each(EXAMPLE_NAMES)("example %s", (name) => {
  const workspace = loadWorkspace(name);
  const root = path.join(workspace.dir);
  let connection: Connection;
  beforeAll(async () => {
    connection = await openWorkspaceDatabase(workspace);
  });
  afterAll(() => connection?.closeSync());

  it.each(PERIODS)("gives the same values and statuses as plain DuckDB SQL for $label", async (period) => {
    const run = await runWorkspace({ root, periodShorthand: period.label });
    expect(run.results.map((result) => result.kpi).sort()).toEqual([...workspace.kpis.keys()].sort());
    for (const result of run.results) {
      const kpi = workspace.kpis.get(result.kpi);
      if (!kpi) throw new Error(`unexpected KPI ${result.kpi}`);
      const expected = await computeKpi(connection, workspace, result.kpi, period);
      expect(result.status, `${result.kpi}: ${result.error}`).not.toBe("error");
      if (expected === null) expect(result.value, result.kpi).toBeNull();
      else expect(result.value, result.kpi).toBeCloseTo(expected, 9);
      if (kpi.thresholds || kpi.target?.short_term) {
        expect(result.status, result.kpi).toBe(statusOf(kpi, expected, period));
      }
    }
  });

  it("explains a KPI with no data with its reason", async () => {
    const run = await runWorkspace({ root, periodShorthand: "2020-01" });
    const empty = run.results.filter((result: KpiResult) => result.status === "no_data");
    expect(empty.length).toBeGreaterThan(0);
    for (const result of empty) expect(result.error, result.kpi).toBeTruthy();
  });
});

describe("known values", () => {
  it("computes NPS as promoters minus detractors in percent of responses", async () => {
    const run = await runWorkspace({ root: "examples/support", kpis: ["nps"], periodShorthand: "2026-11" });
    const nps = run.results[0] as KpiResult;
    const [responses, promoters, detractors] = ["responses", "promoters", "detractors"].map(
      (name) => nps.measures[name] ?? Number.NaN,
    ) as [number, number, number];
    expect(responses).toBeGreaterThan(0);
    expect(nps.value).toBeCloseTo(((promoters - detractors) / responses) * 100, 12);
  });

  it("resolves a KPI referencing KPIs for the same period (ltv = arpu / churn_rate)", async () => {
    const run = await runWorkspace({
      root: "examples/saas",
      kpis: ["ltv", "arpu", "churn_rate"],
      periodShorthand: "2026-10",
    });
    const [ltv, arpu, churn] = run.results.map((result) => result.value as number);
    expect(ltv).toBeCloseTo((arpu as number) / (churn as number), 9);
  });
});
