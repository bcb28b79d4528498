import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runKpi, tempDir } from "../cli/run-cli.js";

// Spec 4.7: with `fiscal_year_start: 4`, quarters and years are fiscal and named by the calendar
// year the fiscal year starts in; every place kpi names a period uses that name (needs `npm run build`).
const TODAY = "2026-11-26";
const KPI = "average_order_value";
let root: string;

function kpi(...args: string[]) {
  const today = args[0] === "run" ? ["--today", TODAY] : [];
  const result = runKpi([...args, "--dir", root, ...today]);
  expect(result.status, result.stderr).toBe(0);
  return result;
}

/** The Period column of the table's lines, in order (the last cell of each row). */
function periodCells(table: string): string[] {
  return table
    .split("\n")
    .filter((line) => line.includes(`${KPI} `) || line.trimStart().startsWith("↳"))
    .map((line) => line.trim().split(/\s+/).at(-1) ?? "");
}

describe("period names in a fiscal calendar (fiscal_year_start: 4)", () => {
  beforeAll(() => {
    root = join(tempDir("kpi-fiscal-labels-"), "ws");
    expect(runKpi(["init", root, "--today", TODAY]).status).toBe(0);
    appendFileSync(join(root, "kpi.yaml"), "calendar:\n  fiscal_year_start: 4\n");
  });

  it("names July to September 2025 fiscal 2025-Q2, as --period reads it back", () => {
    const out = kpi("run", "--kpi", KPI, "--from", "2025-07-01", "--to", "2025-10-01", "--no-record").stdout;
    expect(periodCells(out)).toEqual(["2025-Q2"]);
    const json = JSON.parse(
      kpi("run", "--kpi", KPI, "--period", "2025-Q2", "--format", "json", "--no-record").stdout,
    );
    expect(json.period).toEqual({ start: "2025-07-01", end: "2025-10-01" });
  });

  it("names the fiscal year and its quarters in a series (--grain quarter, --grain year)", () => {
    const quarters = kpi("run", "--kpi", KPI, "--period", "2026", "--grain", "quarter", "--no-record").stdout;
    expect(periodCells(quarters)).toEqual(["2026", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    const json = JSON.parse(
      kpi("run", "--kpi", KPI, "--period", "2026", "--format", "json", "--no-record").stdout,
    );
    expect(json.period).toEqual({ start: "2026-04-01", end: "2027-04-01" });
    const years = kpi(
      "run",
      "--kpi",
      KPI,
      "--from",
      "2025-04-01",
      "--to",
      "2027-04-01",
      "--grain",
      "year",
      "--no-record",
    );
    expect(periodCells(years.stdout)).toEqual(["2025-04-01..2027-03-31", "2025", "2026"]);
  });

  it("names the period in the markdown heading and the cadence warning", () => {
    const result = kpi("run", "--kpi", KPI, "--period", "2026-Q3", "--format", "markdown", "--no-record");
    expect(result.stdout).toContain("### KPIs for 2026-Q3\n");
    expect(result.stdout).toContain("| 2026-Q3 |");
    expect(result.stderr).toContain("warning: 2026-Q3 is not one month");
  });

  it("names recorded periods in kpi history (the run's and the previous quarter it computed)", () => {
    kpi("run", "--kpi", KPI, "--from", "2026-07-01", "--to", "2026-10-01");
    const history = kpi("history", KPI).stdout;
    const rows = history.split("\n").filter((line) => /^\d{4}-\d{2}-\d{2} /.test(line));
    expect(rows.map((line) => line.split(/\s{2,}/)[1])).toEqual(["2026-Q2", "2026-Q1"]);
  });
});
