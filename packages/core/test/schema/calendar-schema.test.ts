import { describe, expect, it } from "vitest";
import {
  ACTIVATION_FILE,
  ACTIVATION_KPI,
  diagnosticsOf,
  VALID_PROJECT,
  workspaceWith,
} from "../support/workspace-texts.js";

// Spec 4.7: kpi.yaml's `calendar` and `cadence: yearly`; a bad value is a schema error at itself.
function schemaFindings(file: string, text: string): string[] {
  return diagnosticsOf(workspaceWith(file, text), file)
    .filter((diagnostic) => diagnostic.rule === "schema")
    .map((diagnostic) => text.slice(diagnostic.start, diagnostic.end));
}

const withCalendar = (body: string) => `${VALID_PROJECT}calendar:\n${body}`;

describe("calendar schema", () => {
  it("accepts a zone, Sunday weeks and a fiscal year from April", () => {
    const text = withCalendar("  timezone: Europe/Berlin\n  week_start: sunday\n  fiscal_year_start: 4\n");
    expect(schemaFindings("kpi.yaml", text)).toEqual([]);
  });

  it("refuses a week start and a fiscal month out of range, at their values", () => {
    const text = withCalendar("  week_start: saturday\n  fiscal_year_start: 13\n");
    expect(schemaFindings("kpi.yaml", text).sort()).toEqual(["13", "saturday"]);
  });

  it("reports an unknown time zone at its value, and none for a known one", () => {
    const text = withCalendar("  timezone: Europe/Berln\n");
    const findings = diagnosticsOf(workspaceWith("kpi.yaml", text), "kpi.yaml")
      .filter((diagnostic) => diagnostic.rule === "calendar/unknown-timezone")
      .map((diagnostic) => [text.slice(diagnostic.start, diagnostic.end), diagnostic.severity]);
    expect(findings).toEqual([["Europe/Berln", "error"]]);
    const known = withCalendar("  timezone: America/New_York\n");
    expect(
      diagnosticsOf(workspaceWith("kpi.yaml", known), "kpi.yaml").filter(
        (diagnostic) => diagnostic.rule === "calendar/unknown-timezone",
      ),
    ).toEqual([]);
  });

  it("accepts cadence yearly", () => {
    const text = ACTIVATION_KPI.replace("cadence: weekly", "cadence: yearly");
    expect(text).not.toBe(ACTIVATION_KPI);
    expect(schemaFindings(ACTIVATION_FILE, text)).toEqual([]);
  });
});
