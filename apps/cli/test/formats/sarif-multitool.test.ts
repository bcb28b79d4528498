import { describe, expect, it } from "vitest";
import { formatReport, type ValidationReport } from "../../src/formats/index.js";
import { validateWithMultitool } from "./multitool.js";
import { emptyReport, sampleReport } from "./sample-report.js";

const sarifOf = (report: ValidationReport, pathPrefix?: string) =>
  formatReport("sarif", report, { color: false, pathPrefix });

describe("SARIF Multitool validation", () => {
  it("accepts our logs without errors or warnings", { timeout: 120_000 }, async () => {
    const result = await validateWithMultitool({
      sample: sarifOf(sampleReport()),
      empty: sarifOf(emptyReport()),
      prefixed: sarifOf(sampleReport(), "examples/saas"),
    });

    expect(result.executionSuccessful).toBe(true);
    expect(result.findings.filter((finding) => finding.level === "error")).toEqual([]);
    expect(result.findings.filter((finding) => finding.level === "warning")).toEqual([]);
  });

  it("would catch an invalid log", { timeout: 120_000 }, async () => {
    const broken = JSON.parse(sarifOf(sampleReport()));
    delete broken.runs[0].tool.driver.name;

    const result = await validateWithMultitool({ broken: JSON.stringify(broken) });

    expect(result.findings.some((finding) => finding.level === "error")).toBe(true);
  });
});
