import { join } from "node:path";
import type { KpiResult } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { runKpi, tempDir } from "../cli/run-cli.js";

// `--grain year` end to end on the DuckDB workspace `kpi init` creates (needs `npm run build`).
const TODAY = "2026-11-26";
const KPI = "average_order_value";

function run(root: string, ...args: string[]): KpiResult {
  const result = runKpi([
    "run",
    ...args,
    "--dir",
    root,
    "--kpi",
    KPI,
    "--today",
    TODAY,
    "--format",
    "json",
    "--no-record",
  ]);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout).results[0] as KpiResult;
}

describe("kpi run --grain year", () => {
  it("gives one point per year, each the value of that year's own run", () => {
    const root = join(tempDir("kpi-grain-year-"), "ws");
    expect(runKpi(["init", root, "--today", TODAY]).status).toBe(0);
    const series = run(root, "--from", "2025-01-01", "--to", "2027-01-01", "--grain", "year").series ?? [];
    expect(series.map((point) => [point.start, point.end])).toEqual([
      ["2025-01-01", "2026-01-01"],
      ["2026-01-01", "2027-01-01"],
    ]);
    expect(series[0]?.value).toBe(run(root, "--period", "2025").value);
    expect(series[1]?.value).toBe(run(root, "--period", "2026").value);
    expect(series.some((point) => point.value !== null)).toBe(true);
  });
});
