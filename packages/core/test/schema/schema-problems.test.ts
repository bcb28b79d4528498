import { type Path, type SchemaProblem, validateAgainstSchema } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  ACTIVATION_FILE,
  ACTIVATION_KPI,
  diagnosticsOf,
  offsetOf,
  VALID_PROJECT,
  workspaceWith,
} from "../support/workspace-texts.js";

/** The schema diagnostics of one edited file, each as the source text it points at. */
function schemaFindings(file: string, text: string): { text: string; start: number }[] {
  return diagnosticsOf(workspaceWith(file, text), file)
    .filter((diagnostic) => diagnostic.rule === "schema")
    .map((diagnostic) => ({ text: text.slice(diagnostic.start, diagnostic.end), start: diagnostic.start }));
}

function editKpi(from: string, to: string): string {
  if (!ACTIVATION_KPI.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return ACTIVATION_KPI.replace(from, to);
}

function editProject(from: string, to: string): string {
  if (!VALID_PROJECT.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return VALID_PROJECT.replace(from, to);
}

function problems(
  kind: "kpi" | "project",
  text: string,
): Pick<SchemaProblem, "path" | "target" | "keyword">[] {
  return validateAgainstSchema(kind, parse(text)).map(({ path, target, keyword }) => ({
    path,
    target,
    keyword,
  }));
}

const problem = (path: Path, target: "key" | "value", keyword: string) => ({ path, target, keyword });

describe("schema problems: what they name", () => {
  it("accepts the valid fixtures", () => {
    expect(validateAgainstSchema("kpi", parse(ACTIVATION_KPI))).toEqual([]);
    expect(validateAgainstSchema("project", parse(VALID_PROJECT))).toEqual([]);
  });

  it("names the parent of a missing required field, by its key", () => {
    const text = editKpi(
      "    source: app\n    from: users\n    aggregate: count\n    time",
      "    from: users\n    aggregate: count\n    time",
    );
    expect(problems("kpi", text)).toEqual([problem(["measures", "signups"], "key", "required")]);
  });

  it("names an unknown key by itself", () => {
    expect(problems("kpi", `${ACTIVATION_KPI}colour: red\n`)).toEqual([
      problem(["colour"], "key", "additionalProperties"),
    ]);
  });

  it("names the value of a bad enum, type or pattern", () => {
    expect(problems("kpi", editKpi("indicator: leading", "indicator: sideways"))).toEqual([
      problem(["indicator"], "value", "enum"),
    ]);
    expect(problems("kpi", editKpi("version: 3", "version: three"))).toEqual([
      problem(["version"], "value", "type"),
    ]);
    expect(problems("kpi", editKpi("owner: growth\ngoal", "owner: Growth Team\ngoal"))).toEqual([
      problem(["owner"], "value", "pattern"),
    ]);
  });

  it("names a bad key of a map of ids once, at the key", () => {
    expect(problems("kpi", editKpi("  signups:\n", "  SignUps:\n"))).toEqual([
      problem(["measures", "SignUps"], "key", "pattern"),
    ]);
  });
});

describe("schema diagnostics: where they point", () => {
  it("points at the parent key of a missing required field", () => {
    const text = editKpi("short_term: { value: 0.30, by: 2026-12-31 }", "short_term: { value: 0.30 }");
    expect(schemaFindings(ACTIVATION_FILE, text).map((finding) => finding.text)).toEqual(["short_term"]);
  });

  it("points at the start of the file for a missing top-level field", () => {
    const text = editKpi("cadence: weekly\n", "");
    expect(schemaFindings(ACTIVATION_FILE, text).map((finding) => finding.start)).toEqual([0]);
  });

  it("points at an unknown key, not its value", () => {
    const text = editKpi("    time: signed_up_at\n  activated", "    tme: signed_up_at\n  activated");
    const findings = schemaFindings(ACTIVATION_FILE, text);
    expect(findings).toEqual([{ text: "tme", start: offsetOf(text, "tme:") }]);
  });

  it.each([
    ["a bad enum value", "cadence: weekly", "cadence: hourly", "hourly"],
    ["a wrong type", "core: true", "core: [yes]", "[yes]"],
    ["a bad id pattern", "goal: grow_active_customers", "goal: Grow-Customers", "Grow-Customers"],
    ["a bad date", "next: 2026-12-15", "next: 15.12.2026", "15.12.2026"],
    ["a version below 1", "version: 3", "version: 0", "0"],
  ])("points at the value for %s", (_name, from, to, expected) => {
    expect(schemaFindings(ACTIVATION_FILE, editKpi(from, to)).map((finding) => finding.text)).toEqual([
      expected,
    ]);
  });

  it("points at each structured field of a sql measure", () => {
    const text = editKpi(
      "    aggregate: count\n    time: signed_up_at\n  activated",
      "    aggregate: count\n    sql: select 1\n  activated",
    );
    const findings = schemaFindings(ACTIVATION_FILE, text);
    expect(findings.map((finding) => finding.text)).toEqual(["from", "aggregate"]);
    expect(findings[0]?.start).toBe(offsetOf(text, "from: users"));
  });

  it("points at the measure of an aggregate without column", () => {
    const text = editKpi("    aggregate: count\n    where", "    aggregate: sum\n    where");
    const findings = schemaFindings(ACTIVATION_FILE, text);
    expect(findings).toEqual([{ text: "activated", start: offsetOf(text, "activated:") }]);
  });

  it("accepts count without column but count_distinct needs one", () => {
    const text = editKpi("    aggregate: count\n    where", "    aggregate: count_distinct\n    where");
    expect(schemaFindings(ACTIVATION_FILE, text).map((finding) => finding.text)).toEqual(["activated"]);
  });

  it("points at currency when the unit is not currency", () => {
    const text = editKpi("unit: ratio\n", "unit: ratio\ncurrency: EUR\n");
    expect(schemaFindings(ACTIVATION_FILE, text)).toEqual([
      { text: "currency", start: offsetOf(text, "currency") },
    ]);
  });

  it("accepts currency with unit currency", () => {
    const text = editKpi("unit: ratio\n", "unit: currency\ncurrency: EUR\n");
    expect(schemaFindings(ACTIVATION_FILE, text)).toEqual([]);
  });

  it("points at range when the unit is not score", () => {
    const text = editKpi("unit: ratio\n", "unit: ratio\nrange: [0, 10]\n");
    expect(schemaFindings(ACTIVATION_FILE, text).map((finding) => finding.text)).toEqual(["range"]);
  });

  it("asks for range with unit score, at the start of the file", () => {
    const text = editKpi("unit: ratio\n", "unit: score\n");
    expect(schemaFindings(ACTIVATION_FILE, text).map((finding) => finding.start)).toEqual([0]);
    expect(problems("kpi", text)).toEqual([problem([], "key", "required")]);
  });

  it("points at the source of a sqlite source without path", () => {
    const text = editProject("crm: { type: sqlite, path: data/crm.sqlite }", "crm: { type: sqlite }");
    expect(schemaFindings("kpi.yaml", text)).toEqual([{ text: "crm", start: offsetOf(text, "crm:") }]);
  });

  it("points at the source of a postgres source without url, and at tables it may not have", () => {
    const text = editProject(
      "crm: { type: sqlite, path: data/crm.sqlite }",
      "crm: { type: postgres, tables: { a: a.csv } }",
    );
    expect(schemaFindings("kpi.yaml", text).map((finding) => finding.text)).toEqual(["crm", "tables"]);
  });

  it("points at an unknown rule id in policy.rules once, at the key", () => {
    const text = editProject(
      "  balance: per_goal\n",
      "  balance: per_goal\n  rules:\n    vanity/raw-counts: off\n",
    );
    expect(schemaFindings("kpi.yaml", text)).toEqual([
      { text: "vanity/raw-counts", start: offsetOf(text, "vanity/raw-counts") },
    ]);
  });

  it("points at a bad severity in policy.rules at the value", () => {
    const text = editProject(
      "  balance: per_goal\n",
      "  balance: per_goal\n  rules:\n    vanity/raw-count: loud\n",
    );
    expect(schemaFindings("kpi.yaml", text).map((finding) => finding.text)).toEqual(["loud"]);
  });

  it("accepts every severity setting for a known rule id", () => {
    for (const setting of ["error", "warning", "info", "off"]) {
      const text = editProject(
        "  balance: per_goal\n",
        `  balance: per_goal\n  rules:\n    target/overdue: ${setting}\n`,
      );
      expect(schemaFindings("kpi.yaml", text)).toEqual([]);
    }
  });

  it("points at an unknown key in a flow map", () => {
    const text = editKpi("benchmark: { value: 0.33,", "benchmark: { value: 0.33, sorce: x,");
    expect(schemaFindings(ACTIVATION_FILE, text).map((finding) => finding.text)).toEqual(["sorce"]);
  });
});
