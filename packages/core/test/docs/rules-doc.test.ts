import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RULE_IDS, RULES, RULES_DOC_FILE, renderRulesDoc, ruleDocAnchor } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const DOC_PATH = `${REPO_ROOT}${RULES_DOC_FILE}`;

describe("ruleDocAnchor", () => {
  it("turns a rule id into a URL fragment of lowercase letters, digits and dashes", () => {
    expect(ruleDocAnchor("yaml/syntax")).toBe("yaml-syntax");
    expect(ruleDocAnchor("schema")).toBe("schema");
    expect(ruleDocAnchor("measurability/unit-range")).toBe("measurability-unit-range");
  });

  it("gives every rule its own anchor", () => {
    const anchors = RULE_IDS.map(ruleDocAnchor);
    expect(new Set(anchors).size).toBe(RULE_IDS.length);
    for (const anchor of anchors) expect(anchor).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe("renderRulesDoc", () => {
  const doc = renderRulesDoc(RULES);

  it("has one section per rule, in list order, each behind its anchor", () => {
    const headings = [...doc.matchAll(/^## `([^`]+)`$/gm)].map((match) => match[1]);
    expect(headings).toEqual([...RULE_IDS]);
    for (const id of RULE_IDS) {
      expect(doc).toContain(`<a id="${ruleDocAnchor(id)}"></a>\n\n## \`${id}\``);
    }
  });

  it("links every rule from the table to its anchor, with its default severity", () => {
    for (const rule of RULES) {
      expect(doc).toContain(`| [\`${rule.id}\`](#${ruleDocAnchor(rule.id)}) | ${rule.defaultSeverity} |`);
    }
  });

  it("shows each rule's summary, why, fix and example as a YAML block", () => {
    for (const rule of RULES) {
      const section = sectionOf(doc, rule.id);
      expect(section).toContain(rule.summary);
      expect(section).toContain(rule.why);
      expect(section).toContain(rule.fix);
      expect(section).toContain(`Default severity: **${rule.defaultSeverity}**`);
      expect(section).toContain(`\`\`\`yaml\n${rule.example.trimEnd()}\n\`\`\``);
    }
  });

  it("renders only the rules it is given", () => {
    const [first] = RULES;
    if (!first) throw new Error("no rules");
    const single = renderRulesDoc([first]);
    expect([...single.matchAll(/^## /gm)]).toHaveLength(1);
  });

  it("escapes a pipe in a summary so the table keeps its columns", () => {
    const [first] = RULES;
    if (!first) throw new Error("no rules");
    const single = renderRulesDoc([{ ...first, summary: "a | b" }]);
    expect(single).toContain("a \\| b |");
  });
});

describe(RULES_DOC_FILE, () => {
  it("is up to date with the RULES list (rewrite with UPDATE_DOCS=1)", () => {
    const expected = renderRulesDoc(RULES);
    if (process.env.UPDATE_DOCS === "1") writeFileSync(DOC_PATH, expected);
    expect(readFileSync(DOC_PATH, "utf8")).toBe(expected);
  });
});

function sectionOf(doc: string, id: string): string {
  const start = doc.indexOf(`## \`${id}\``);
  const next = doc.indexOf("\n## ", start + 1);
  return doc.slice(start, next < 0 ? undefined : next);
}
