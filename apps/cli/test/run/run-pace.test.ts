import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatRunMarkdown, formatRunTable, runRows } from "../../src/run-output/index.js";
import { runKpi } from "../cli/run-cli.js";
import { result, runOf } from "./sample-results.js";

// Spec 5.1: every result carries `expected`, and the human formats show it beside the target.
const SAAS = join(import.meta.dirname, "../../../../examples/saas");
const TODAY = "2026-11-26";

describe("kpi run shows the pace (end to end on examples/saas, needs `npm run build`)", () => {
  const args = ["run", "--dir", SAAS, "--no-record", "--period", "2026-10", "--today", TODAY];

  it("gives each result `expected`, the target path on the period's last day", () => {
    const run = runKpi([...args, "--format", "json", "--kpi", "churn_rate", "--kpi", "signup_conversion"]);
    const results = JSON.parse(run.stdout).results as Record<string, unknown>[];
    const byKpi = new Map(results.map((entry) => [entry.kpi, entry]));
    // churn_rate: 0.02 at 2026-09-30 to 0.018 by 2027-03-31 (182 days); 2026-10-31 is 31 days in
    expect(byKpi.get("churn_rate")?.expected).toBeCloseTo(0.02 - (0.002 * 31) / 182, 12);
    // signup_conversion: 0.034 is within its thresholds (0.03 / 0.025) but below its 0.040 baseline
    expect(byKpi.get("signup_conversion")).toMatchObject({ status: "off_track" });
    expect(Object.keys(byKpi.get("churn_rate") ?? {}).indexOf("expected")).toBe(
      Object.keys(byKpi.get("churn_rate") ?? {}).indexOf("target") + 1,
    );
  });

  it("writes the expected value before the target in the table and the markdown", () => {
    const table = runKpi([...args, "--kpi", "churn_rate"]);
    expect(table.stdout).toMatch(/expected 2\.0% now, ≤ 1\.8% by 2027-03-31, warning 3\.0%/);
    const markdown = runKpi([...args, "--kpi", "churn_rate", "--format", "markdown"]);
    expect(markdown.stdout).toMatch(/\| expected 2\.0% now, ≤ 1\.8% by 2027-03-31/);
  });
});

describe("the target cell", () => {
  const displays = new Map([["activation", { unit: "ratio" as const, direction: "increase" as const }]]);

  it("starts with the expected value when there is one, and is the expected value alone without a target", () => {
    const run = runOf(
      result("activation", { expected: 0.2668 }),
      result("activation", { expected: 0.5, target: null }),
      result("activation", { expected: null }),
    );
    const rows = runRows(run, { displays, history: new Map() });
    expect(rows.map((row) => row.target)).toEqual([
      "expected 26.7% now, ≥ 30.0% by 2026-12-31",
      "expected 50.0% now",
      "≥ 30.0% by 2026-12-31",
    ]);
    expect(formatRunTable(rows, { color: false })).toContain("expected 26.7% now, ≥ 30.0% by 2026-12-31");
    expect(formatRunMarkdown(rows, run.period)).toContain("| expected 26.7% now, ≥ 30.0% by 2026-12-31 |");
  });
});
