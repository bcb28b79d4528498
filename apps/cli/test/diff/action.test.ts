import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { COMMENT_MARKER } from "@kpi-as-code/diff";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const action = parse(readFileSync(resolve(import.meta.dirname, "../../../../action.yml"), "utf8")) as {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: { uses?: string; run?: string; with?: { script?: string } }[] };
};

describe("action.yml", () => {
  it("finds its comment by the marker that kpi diff writes", () => {
    const script = action.runs.steps.find((step) => step.uses?.startsWith("actions/github-script"))?.with
      ?.script;
    expect(script).toContain(`"${COMMENT_MARKER}"`);
  });

  it("runs validate (github and sarif), uploads the SARIF file, and diffs in markdown", () => {
    const scripts = action.runs.steps.map((step) => step.run ?? "").join("\n");
    expect(scripts).toMatch(/\$KPI validate --format github/);
    expect(scripts).toMatch(/\$KPI validate --format sarif/);
    expect(scripts).toMatch(/\$KPI diff/);
    expect(action.runs.steps.some((step) => step.uses?.startsWith("github/codeql-action/upload-sarif"))).toBe(
      true,
    );
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(["working-directory", "dir", "base", "sarif", "comment"]),
    );
  });
});
