import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeReport } from "../../src/commands/report.js";
import { tempDir, writeWorkspace } from "../cli/run-cli.js";

const TODAY = "2026-11-26";

function kpiFile(id: string, source: string): string {
  return [
    `kpi: ${id}`,
    "version: 1",
    `name: ${id}`,
    "description: d",
    "owner: a",
    "goal: g",
    "indicator: leading",
    "unit: count",
    "direction: increase",
    "cadence: monthly",
    "formula: n",
    "measures:",
    `  n: { source: ${source}, from: t, aggregate: count, time: at }`,
    "",
  ].join("\n");
}

/** A DuckDB source that works and a SQLite source whose database file does not exist. */
function workspace(kpis: Record<string, string>): string {
  return writeWorkspace({
    "kpi.yaml": [
      "project: p",
      "owners: { a: { name: A } }",
      "goals: { g: { statement: S } }",
      "sources:",
      "  up: { type: duckdb, tables: { t: data/t.csv } }",
      "  down: { type: sqlite, path: missing.sqlite }",
      "",
    ].join("\n"),
    "data/t.csv": "id,at\n1,2026-10-05\n2,2026-10-20\n",
    ...kpis,
  });
}

// The same exit codes as `kpi run` (README, "Exit codes").
describe("kpi report exit codes", () => {
  const out = () => join(tempDir("kpi-report-exit-"), "report.html");

  it("is 2 when no KPI could be computed (every source down), and still writes the report", async () => {
    const root = workspace({ "a.kpi.yaml": kpiFile("a", "down"), "b.kpi.yaml": kpiFile("b", "down") });
    expect(await writeReport({ dir: root, out: out(), today: TODAY })).toBe(2);
  });

  it("is 1 when some KPIs are in error, 0 when every KPI was computed", async () => {
    const mixed = workspace({ "a.kpi.yaml": kpiFile("a", "up"), "b.kpi.yaml": kpiFile("b", "down") });
    expect(await writeReport({ dir: mixed, out: out(), today: TODAY })).toBe(1);
    const fine = workspace({ "a.kpi.yaml": kpiFile("a", "up") });
    expect(await writeReport({ dir: fine, out: out(), today: TODAY })).toBe(0);
  });
});
