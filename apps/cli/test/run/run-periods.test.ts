import { join } from "node:path";
import type { HistoryRecord, KpiResult } from "@kpi-as-code/runner";
import { beforeAll, describe, expect, it } from "vitest";
import { formatChange } from "../../src/run-output/index.js";
import { runKpi, tempDir } from "../cli/run-cli.js";

// End to end on the DuckDB workspace `kpi init` creates (needs `npm run build`); its KPIs are monthly.
const TODAY = "2026-11-26";
const KPI = "average_order_value";
const DISPLAY = { unit: "currency" as const, currency: "EUR" };

function initWorkspace(): string {
  const root = join(tempDir("kpi-run-periods-"), "ws");
  expect(runKpi(["init", root, "--today", TODAY]).status).toBe(0);
  return root;
}

function kpi(root: string, ...args: string[]) {
  return runKpi([...args, "--dir", root, "--kpi", KPI, "--today", TODAY]);
}

function computed(root: string, period: string): KpiResult {
  const json = kpi(root, "run", "--period", period, "--format", "json", "--no-record");
  return JSON.parse(json.stdout).results[0] as KpiResult;
}

function recordedPeriods(root: string): string[] {
  const history = runKpi(["history", KPI, "--dir", root, "--format", "json"]);
  const records = JSON.parse(history.stdout).records as HistoryRecord[];
  return records.map((record) => `${record.period.start}/${record.period.end}`).sort();
}

/** The change cell of the KPI's line in the table. */
function changeCell(table: string): string | undefined {
  const line = table.split("\n").find((text) => text.includes(KPI));
  return line?.split(/\s{2,}/)[3];
}

describe("kpi run compares with the previous period of the same length", () => {
  it("computes the previous period when it is not recorded, from the first run", () => {
    const root = initWorkspace();
    const table = kpi(root, "run", "--period", "2026-10", "--no-record");
    expect(table.status).toBe(0);
    const expected = formatChange(computed(root, "2026-10"), computed(root, "2026-09"), DISPLAY);
    expect(expected).toMatch(/^[▲▼=] /);
    expect(changeCell(table.stdout)).toBe(expected);
  });

  describe("after a quarter run with --grain month", () => {
    let root: string;
    let quarter: ReturnType<typeof runKpi>;
    beforeAll(() => {
      root = initWorkspace();
      quarter = kpi(root, "run", "--period", "2026-Q3", "--grain", "month");
    });

    it("shows each month under the quarter and warns that a quarter is not the KPI's cadence", () => {
      expect(quarter.status).toBe(0);
      const buckets = quarter.stdout.split("\n").filter((line) => line.includes("↳"));
      expect(
        buckets.map((line) =>
          line
            .trim()
            .split(/\s{2,}/)
            .at(-1),
        ),
      ).toEqual(["2026-07", "2026-08", "2026-09"]);
      expect(quarter.stderr).toContain("2026-Q3");
      expect(quarter.stderr).toContain(KPI);
      // A month of a monthly KPI is its cadence: no warning.
      expect(kpi(root, "run", "--period", "2026-09", "--no-record").stderr).not.toContain(KPI);
    });

    it("records each month of the series, the quarter, and the quarter before it (computed to compare)", () => {
      expect(recordedPeriods(root)).toEqual(
        [
          "2026-04-01/2026-07-01",
          "2026-07-01/2026-08-01",
          "2026-08-01/2026-09-01",
          "2026-09-01/2026-10-01",
          "2026-07-01/2026-10-01",
        ].sort(),
      );
    });

    it("compares October with September's recorded month, not with the newer recorded quarter", () => {
      const october = kpi(root, "run", "--period", "2026-10", "--no-record");
      const history = JSON.parse(runKpi(["history", KPI, "--dir", root, "--format", "json"]).stdout)
        .records as HistoryRecord[];
      const september = history.find((record) => record.period.start === "2026-09-01");
      expect(september).toBeDefined();
      expect(changeCell(october.stdout)).toBe(formatChange(computed(root, "2026-10"), september, DISPLAY));
      const q3 = history.find(
        (record) => record.period.end === "2026-10-01" && record.period.start === "2026-07-01",
      );
      expect(changeCell(october.stdout)).not.toBe(formatChange(computed(root, "2026-10"), q3, DISPLAY));
    });

    it("shows each month in the markdown format too", () => {
      const markdown = kpi(
        root,
        "run",
        "--period",
        "2026-Q3",
        "--grain",
        "month",
        "--format",
        "markdown",
        "--no-record",
      );
      const rows = markdown.stdout.split("\n").filter((line) => line.includes(`↳ \`${KPI}\``));
      expect(rows.map((row) => row.split("|").at(-2)?.trim())).toEqual(["2026-07", "2026-08", "2026-09"]);
    });
  });
});
