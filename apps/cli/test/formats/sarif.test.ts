import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsPlugin from "ajv-formats";
import { describe, expect, it } from "vitest";
import { formatReport } from "../../src/formats/index.js";
import { aDiagnostic, emptyReport, RULES, sampleReport, TRICKY_MESSAGE } from "./sample-report.js";

// The SARIF 2.1.0 schema as shipped by @microsoft/sarif-multitool (draft 2020-12).
const schema = JSON.parse(
  readFileSync(fileURLToPath(new URL("fixtures/sarif-schema-2.1.0.json", import.meta.url)), "utf8"),
);
// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

function sarif(report = sampleReport(), pathPrefix?: string) {
  return JSON.parse(formatReport("sarif", report, { color: false, pathPrefix }));
}

describe("sarif format", () => {
  it.each([
    ["a report with problems", sampleReport()],
    ["an empty report", emptyReport()],
  ])("validates against the SARIF 2.1.0 schema: %s", (_name, report) => {
    const valid = validateSarif(sarif(report));

    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("describes the tool and every catalogued rule with its help", () => {
    const log = sarif();
    const driver = log.runs[0].tool.driver;

    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    expect(driver).toMatchObject({ name: "kpi", version: "0.1.0", informationUri: expect.any(String) });
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual([
      ...RULES.map((rule) => rule.id),
      "experimental/hint",
    ]);
    expect(driver.rules[0]).toMatchObject({
      id: "schema",
      name: "SchemaRule",
      shortDescription: { text: RULES[0]?.summary },
      fullDescription: { text: RULES[0]?.why },
      helpUri: RULES[0]?.helpUri,
      defaultConfiguration: { level: "error" },
    });
    expect(driver.rules[0].help.markdown).toContain("```yaml\nkpi: signups\nversion: 1\n```");
    expect(driver.rules[1]).toMatchObject({
      name: "TargetOverdue",
      defaultConfiguration: { level: "warning" },
    });
  });

  it("claims a semanticVersion only for SemVer tool versions", () => {
    const report = sampleReport();
    report.toolVersion = "dev build 7";
    const driver = sarif(report).runs[0].tool.driver;

    expect(driver.version).toBe("dev build 7");
    expect(driver).not.toHaveProperty("semanticVersion");
    expect(sarif().runs[0].tool.driver.semanticVersion).toBe("0.1.0");
  });

  it("turns each diagnostic into a result pointing at its rule and region", () => {
    const run = sarif().runs[0];
    const tricky = run.results.find(
      (result: { ruleId: string }) => result.ruleId === "alignment/unknown-goal",
    );

    expect(run.results.map((result: { level: string }) => result.level)).toEqual([
      "note",
      "warning",
      "error",
      "error",
      "warning",
    ]);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      const location = result.locations[0].physicalLocation.artifactLocation;
      expect(run.artifacts[location.index].location.uri).toBe(location.uri);
    }
    expect(tricky.message.text).toBe(TRICKY_MESSAGE);
    expect(tricky.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "kpis/activation.kpi.yaml", uriBaseId: "%SRCROOT%", index: 1 },
      region: { startLine: 12, startColumn: 9, endLine: 12, endColumn: 30 },
    });
  });

  it("lists every file as an artifact with URI-encoded relative paths", () => {
    const run = sarif().runs[0];

    expect(run.artifacts.map((artifact: { location: { uri: string } }) => artifact.location.uri)).toEqual([
      "kpi.yaml",
      "kpis/activation.kpi.yaml",
      "kpis/churn%2C%20monthly.kpi.yaml",
      "kpis/clean.kpi.yaml",
    ]);
  });

  it("roots %SRCROOT% at the workspace, or at the repository when the prefix is known", () => {
    expect(sarif().runs[0].originalUriBaseIds).toEqual({
      "%SRCROOT%": { uri: "file:///repo/examples/saas/" },
    });

    const prefixed = sarif(sampleReport(), "examples/saas").runs[0];
    expect(prefixed.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///repo/" } });
    expect(prefixed.artifacts[0].location.uri).toBe("examples/saas/kpi.yaml");
  });

  it("clamps a region that would end before it starts", () => {
    const report = sampleReport();
    report.diagnostics = [aDiagnostic({ line: 5, column: 8, endLine: 4, endColumn: 2 })];

    expect(sarif(report).runs[0].results[0].locations[0].physicalLocation.region).toEqual({
      startLine: 5,
      startColumn: 8,
      endLine: 5,
      endColumn: 8,
    });
  });
});
