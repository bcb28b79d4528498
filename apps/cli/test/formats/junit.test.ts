import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { formatReport } from "../../src/formats/index.js";
import { aDiagnostic, emptyReport, FILES, sampleReport, TRICKY_MESSAGE } from "./sample-report.js";

interface TestCase {
  "@_classname": string;
  "@_name": string;
  failure?: { "@_message": string; "#text": string };
  "system-out"?: string;
}

// Reads the report as a JUnit consumer would: a real XML parser, counts from
// the attributes, failures from the <failure> elements.
function parseJunit(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => name === "testcase" || name === "testsuite",
  });
  const suites = parser.parse(xml).testsuites.testsuite;
  expect(suites).toHaveLength(1);
  const suite = suites[0];
  const cases: TestCase[] = suite.testcase;
  return {
    tests: Number(suite["@_tests"]),
    failures: Number(suite["@_failures"]),
    errors: Number(suite["@_errors"]),
    cases: new Map(cases.map((testCase) => [testCase["@_name"], testCase])),
  };
}

const lines = (text: string | undefined) => (text ?? "").split("\n").filter((line) => line !== "");

describe("junit format", () => {
  it("has one test case per checked file and fails the files with errors", () => {
    const junit = parseJunit(formatReport("junit", sampleReport(), { color: false }));

    expect(junit).toMatchObject({ tests: 4, failures: 1, errors: 0 });
    expect([...junit.cases.keys()]).toEqual(FILES);
    for (const testCase of junit.cases.values()) expect(testCase["@_classname"]).toBe("kpi.validate");
    const failed = [...junit.cases.values()].filter((testCase) => testCase.failure !== undefined);
    expect(failed.map((testCase) => testCase["@_name"])).toEqual(["kpis/activation.kpi.yaml"]);
  });

  it("lists a file's errors in its failure and its warnings and infos in system-out", () => {
    const junit = parseJunit(formatReport("junit", sampleReport(), { color: false }));
    const activation = junit.cases.get("kpis/activation.kpi.yaml");
    const failureText = activation?.failure?.["#text"] ?? "";

    expect(lines(failureText)[0]).toBe("kpis/activation.kpi.yaml:2:1 error schema missing field name");
    // The escaped message comes back intact, line breaks and all (XML folds \r\n to \n).
    expect(failureText).toContain(
      `kpis/activation.kpi.yaml:12:9 error alignment/unknown-goal ${TRICKY_MESSAGE.replace("\r\n", "\n")}`,
    );
    expect(lines(activation?.["system-out"])).toEqual([
      "kpis/activation.kpi.yaml:2:1 warning target/overdue mid_term.by 2025-06-30 is before today",
    ]);
    expect(junit.cases.get("kpis/churn, monthly.kpi.yaml")?.failure).toBeUndefined();
    expect(lines(junit.cases.get("kpi.yaml")?.["system-out"])).toHaveLength(1);
    expect(junit.cases.get("kpis/clean.kpi.yaml")).not.toHaveProperty("system-out");
  });

  it("escapes markup in file names and replaces characters XML cannot hold", () => {
    const report = sampleReport();
    const file = `a<b>&"c'.kpi.yaml`;
    report.files = [file];
    report.diagnostics = [aDiagnostic({ file, message: "bell\u0007 and a lone \uD800 here" })];

    const junit = parseJunit(formatReport("junit", report, { color: false }));

    expect([...junit.cases.keys()]).toEqual([`a<b>&"c'.kpi.yaml`]);
    expect(junit.cases.get(`a<b>&"c'.kpi.yaml`)?.["system-out"]).toContain(
      "bell\uFFFD and a lone \uFFFD here",
    );
  });

  it("passes every file of a clean report", () => {
    const junit = parseJunit(formatReport("junit", emptyReport(), { color: false }));

    expect(junit).toMatchObject({ tests: 4, failures: 0, errors: 0 });
    for (const testCase of junit.cases.values()) {
      expect(testCase.failure).toBeUndefined();
      expect(testCase["system-out"]).toBeUndefined();
    }
  });
});
