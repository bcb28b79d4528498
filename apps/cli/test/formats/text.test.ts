import { describe, expect, it } from "vitest";
import { formatReport } from "../../src/formats/index.js";
import { emptyReport, sampleReport } from "./sample-report.js";

const ANSI_ESCAPE = "\u001b[";

describe("text format", () => {
  it("prints one file:line:col severity rule line per diagnostic, sorted, then the summary", () => {
    const lines = formatReport("text", sampleReport(), { color: false }).trimEnd().split("\n");

    expect(lines).toHaveLength(6);
    const prefixes = [
      "kpi.yaml:4:5 info experimental/hint ",
      "kpis/activation.kpi.yaml:2:1 warning target/overdue ",
      "kpis/activation.kpi.yaml:2:1 error schema ",
      "kpis/activation.kpi.yaml:12:9 error alignment/unknown-goal ",
      "kpis/churn, monthly.kpi.yaml:7:3 warning target/overdue ",
    ];
    prefixes.forEach((prefix, index) => {
      expect(lines[index]?.startsWith(prefix), `line ${index}: ${lines[index]}`).toBe(true);
    });
    expect(lines[5]).toBe("✖ 5 problems (2 errors, 2 warnings, 1 info) in 4 files");
  });

  it("keeps a multi-line message on its diagnostic's line", () => {
    const output = formatReport("text", sampleReport(), { color: false });
    const trickyLine = output.split("\n").find((line) => line.includes("alignment/unknown-goal"));

    expect(output.split("\n")).toHaveLength(7);
    expect(trickyLine).toMatch(/ third$/);
  });

  it("colours only when asked", () => {
    expect(formatReport("text", sampleReport(), { color: true })).toContain(ANSI_ESCAPE);
    expect(formatReport("text", sampleReport(), { color: false })).not.toContain(ANSI_ESCAPE);
    expect(formatReport("text", emptyReport(), { color: true })).toContain(ANSI_ESCAPE);
  });

  it("says so when there are no problems", () => {
    expect(formatReport("text", emptyReport(), { color: false })).toBe("✔ 4 files checked, no problems\n");
  });

  it("counts in the singular for one problem in one file", () => {
    const report = sampleReport();
    report.files = ["kpi.yaml"];
    report.diagnostics = report.diagnostics.filter((diagnostic) => diagnostic.rule === "schema");

    expect(formatReport("text", report, { color: false })).toMatch(
      /\n✖ 1 problem \(1 error, 0 warnings\) in 1 file\n$/,
    );
  });
});
