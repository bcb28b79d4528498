import { describe, expect, it } from "vitest";
import { FORMATS, formatReport, isFormatName } from "../../src/formats/index.js";
import { emptyReport, sampleReport } from "./sample-report.js";

describe("formatReport", () => {
  it("offers the formats of `kpi validate --format`", () => {
    expect(FORMATS).toEqual(["text", "json", "github", "sarif", "junit"]);
    expect(isFormatName("sarif")).toBe(true);
    expect(isFormatName("xml")).toBe(false);
  });

  it.each(FORMATS)("writes %s output ending in one newline, for empty and full reports", (format) => {
    for (const report of [emptyReport(), sampleReport()]) {
      const output = formatReport(format, report, { color: false });

      expect(output.endsWith("\n")).toBe(true);
      expect(output.endsWith("\n\n")).toBe(false);
    }
  });

  it("does not modify the report it is given", () => {
    const report = sampleReport();
    const before = structuredClone(report);

    for (const format of FORMATS) formatReport(format, report, { color: true, pathPrefix: "x" });

    expect(report).toEqual(before);
  });
});
