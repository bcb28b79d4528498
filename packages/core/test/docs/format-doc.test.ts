import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MAX_FILE_BYTES, RULE_IDS, validateFiles } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";
import { TODAY } from "../support/workspace-texts.js";

const FORMAT_DOC = readFileSync(
  fileURLToPath(new URL("../../../../docs/format.md", import.meta.url)),
  "utf8",
);

/** The YAML blocks of the page whose first line names the file they show, e.g. `# kpi.yaml`. */
function exampleFiles(): { file: string; text: string }[] {
  return [...FORMAT_DOC.matchAll(/```yaml\n# (\S+\.ya?ml)\n([\s\S]*?)```/g)].map((match) => ({
    file: match[1] ?? "",
    text: match[2] ?? "",
  }));
}

describe("docs/format.md", () => {
  it("shows a full kpi.yaml and a full KPI file", () => {
    expect(exampleFiles().map((example) => example.file)).toEqual([
      "kpi.yaml",
      "first_week_activation.kpi.yaml",
    ]);
  });

  it("has examples that validate without errors", () => {
    const { diagnostics } = validateFiles(exampleFiles(), { today: TODAY });
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
    // One KPI cannot be both leading and lagging: the only warning is about that balance.
    expect(diagnostics.map((diagnostic) => diagnostic.rule)).toEqual(["balance/leading-lagging"]);
  });

  it("states the file size limit the validator applies", () => {
    expect(FORMAT_DOC).toContain(`**${MAX_FILE_BYTES.toLocaleString("en-US")} bytes**`);
  });

  it("names only rules that exist", () => {
    const named = [...FORMAT_DOC.matchAll(/`([a-z]+\/[a-z-]+)`/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(5);
    for (const rule of named) expect(RULE_IDS).toContain(rule);
  });
});
