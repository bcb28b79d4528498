import type { Rule } from "../rules/rule.js";

/** Where the rules page lives in the repository, relative to its root. */
export const RULES_DOC_FILE = "docs/rules.md";

/** The published rules page: what diagnostics (LSP codeDescription, SARIF helpUri) link to. */
export const RULES_DOC_URL = `https://github.com/kpi-as-code/kpi-as-code/blob/main/${RULES_DOC_FILE}`;

/** The link to one rule's section of the rules page. */
export function ruleDocUrl(id: string): string {
  return `${RULES_DOC_URL}#${ruleDocAnchor(id)}`;
}

/**
 * The anchor of a rule's section in docs/rules.md, e.g. `measurability-unit-range`: what a language
 * server appends to the page's URL for a diagnostic's codeDescription. Set explicitly in the page
 * because renderers derive heading anchors differently (GitHub drops the slash of `yaml/syntax`).
 */
export function ruleDocAnchor(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** docs/rules.md: one section per rule (id, default severity, summary, why, example, fix), in list order. */
export function renderRulesDoc(rules: readonly Rule[]): string {
  const lines = [
    "# Rules",
    "",
    "<!-- Generated from the RULES list of @kpi-as-code/core by renderRulesDoc; do not edit by hand.",
    "     Rewrite it with: UPDATE_DOCS=1 npx vitest run packages/core/test/docs -->",
    "",
    "Every diagnostic of `kpi validate`, the language server and CI names one of these rules.",
    "A diagnostic points at the smallest relevant node: the offending value, or the key of a missing",
    "field's parent. Change a rule's severity, or turn it off, in `kpi.yaml`:",
    "",
    "```yaml",
    "policy:",
    "  rules:",
    "    vanity/raw-count: off        # error | warning | info | off",
    "    target/overdue: error",
    "```",
    "",
    "| rule | default | checks |",
    "|---|---|---|",
    ...rules.map(
      (rule) =>
        `| [\`${rule.id}\`](#${ruleDocAnchor(rule.id)}) | ${rule.defaultSeverity} | ${tableCell(rule.summary)} |`,
    ),
    "",
  ];
  for (const rule of rules) lines.push(...ruleSection(rule));
  return `${lines.join("\n").trimEnd()}\n`;
}

function ruleSection(rule: Rule): string[] {
  return [
    `<a id="${ruleDocAnchor(rule.id)}"></a>`,
    "",
    `## \`${rule.id}\``,
    "",
    `Default severity: **${rule.defaultSeverity}**`,
    "",
    ...(rule.needsSources
      ? [
          "Checked only with `kpi validate --sources` (and the editor's command Check sources), which connects to the sources.",
          "",
        ]
      : []),
    rule.summary,
    "",
    `**Why.** ${rule.why}`,
    "",
    "**Example** (the rule fires):",
    "",
    "```yaml",
    rule.example.trimEnd(),
    "```",
    "",
    `**Fix.** ${rule.fix}`,
    "",
  ];
}

function tableCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
