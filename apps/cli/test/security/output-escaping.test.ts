import { describe, expect, it } from "vitest";
import { formatExplanation } from "../../src/commands/explain.js";
import { formatReport } from "../../src/formats/index.js";
import { aDiagnostic, emptyReport } from "../formats/sample-report.js";
import { HOSTILE_TEXT as HOSTILE, rawControlCharacters } from "./control-characters.js";

function reportWith(message: string, file = "kpis/a.kpi.yaml") {
  return { ...emptyReport(), diagnostics: [aDiagnostic({ message, file })] };
}

describe("control characters in validate's text formats", () => {
  for (const format of ["text", "github"] as const) {
    it(`${format}: messages and file names show escapes, never raw control characters`, () => {
      const output = formatReport(format, reportWith(HOSTILE, `kpis/${HOSTILE}.kpi.yaml`), { color: false });
      expect(rawControlCharacters(output)).toEqual([]);
      expect(output).toContain("\\u001b[31mred");
      expect(output).toContain("\\u009b2J");
      expect(output).toContain("\\u202eevil");
    });
  }

  it("github: a message's own line breaks stay annotation line breaks (%0A)", () => {
    const output = formatReport("github", reportWith("one\ntwo"), { color: false });
    expect(output).toContain("::one%0Atwo");
  });

  it("text: colors of the writer itself still work with escaped content", () => {
    const output = formatReport("text", reportWith(HOSTILE), { color: true });
    // The writer's own SGR codes are there; the message's are escaped.
    expect(output).toContain("\u001b[1m");
    expect(output).toContain("\\u001b[31mred");
  });
});

describe("control characters in kpi explain", () => {
  it("keeps the SQL's line breaks and tabs and escapes the rest", () => {
    const text = formatExplanation(
      {
        kpi: "a",
        period: { start: "2026-10-01", end: "2026-11-01" },
        problem: HOSTILE,
        statements: [
          {
            source: "app",
            dialect: "duckdb",
            purpose: "sql measure",
            measures: ["a.m"],
            sql: `select 1\n\tfrom t where name = '${HOSTILE}'`,
            params: [HOSTILE],
          },
        ],
      },
      false,
    );
    expect(rawControlCharacters(text)).toEqual([]);
    expect(text).toContain("select 1\n\tfrom t");
    expect(text).toContain("\\u001b[31mred");
  });
});
