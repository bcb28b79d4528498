import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeReport } from "../../src/commands/report.js";
import { tempDir } from "../cli/run-cli.js";
import { kpiFile, workspace } from "./small-workspace.js";

const TODAY = "2026-11-26";

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
