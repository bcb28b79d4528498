import { describe, expect, it } from "vitest";
import { formatReport } from "../../src/formats/index.js";
import { emptyReport, sampleReport, TRICKY_MESSAGE } from "./sample-report.js";

describe("json format", () => {
  it("has exactly the contract's keys, in order", () => {
    const output = JSON.parse(formatReport("json", sampleReport(), { color: false }));

    expect(Object.keys(output)).toEqual(["diagnostics", "summary"]);
    for (const diagnostic of output.diagnostics) {
      expect(Object.keys(diagnostic)).toEqual([
        "file",
        "line",
        "column",
        "endLine",
        "endColumn",
        "severity",
        "rule",
        "message",
      ]);
    }
    expect(Object.keys(output.summary)).toEqual(["files", "errors", "warnings"]);
  });

  it("counts errors and warnings but not infos, and keeps messages verbatim", () => {
    const output = JSON.parse(formatReport("json", sampleReport(), { color: false }));

    expect(output.summary).toEqual({ files: 4, errors: 2, warnings: 2 });
    expect(output.diagnostics).toHaveLength(5);
    const tricky = output.diagnostics.find(
      (diagnostic: { rule: string }) => diagnostic.rule === "alignment/unknown-goal",
    );
    expect(tricky).toEqual({
      file: "kpis/activation.kpi.yaml",
      line: 12,
      column: 9,
      endLine: 12,
      endColumn: 30,
      severity: "error",
      rule: "alignment/unknown-goal",
      message: TRICKY_MESSAGE,
    });
  });

  it("sorts diagnostics by file, line and column", () => {
    const output = JSON.parse(formatReport("json", sampleReport(), { color: false }));
    const positions = output.diagnostics.map(
      (diagnostic: { file: string; line: number }) => `${diagnostic.file}:${diagnostic.line}`,
    );

    expect(positions).toEqual([
      "kpi.yaml:4",
      "kpis/activation.kpi.yaml:2",
      "kpis/activation.kpi.yaml:2",
      "kpis/activation.kpi.yaml:12",
      "kpis/churn, monthly.kpi.yaml:7",
    ]);
  });

  it("reports an empty workspace check as no diagnostics", () => {
    const output = JSON.parse(formatReport("json", emptyReport(), { color: false }));

    expect(output).toEqual({ diagnostics: [], summary: { files: 4, errors: 0, warnings: 0 } });
  });
});
