// The rule catalogue as SARIF reportingDescriptors, so viewers can show each
// rule's help next to its results.
import type { RuleMeta, Severity, ValidationReport } from "./types.js";

export const SARIF_LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
};

export interface SarifRuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: "error" | "warning" | "note" };
}

/**
 * Descriptors for every catalogued rule, plus a bare one for any rule a
 * diagnostic names that the catalogue lacks, so every result has a ruleIndex.
 */
export function ruleDescriptors(report: ValidationReport): SarifRuleDescriptor[] {
  const descriptors = report.rules.map(describeRule);
  const known = new Set(report.rules.map((rule) => rule.id));
  for (const diagnostic of report.diagnostics) {
    if (known.has(diagnostic.rule)) continue;
    known.add(diagnostic.rule);
    descriptors.push(uncataloguedRule(diagnostic.rule, diagnostic.severity));
  }
  return descriptors;
}

function describeRule(rule: RuleMeta): SarifRuleDescriptor {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.why },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
  };
}

function uncataloguedRule(id: string, severity: Severity): SarifRuleDescriptor {
  const text = `Rule ${id}.`;
  return {
    id,
    name: ruleName(id),
    shortDescription: { text },
    fullDescription: { text },
    help: { text, markdown: `Rule \`${id}\`.` },
    defaultConfiguration: { level: SARIF_LEVEL[severity] },
  };
}

// SARIF names are conventionally PascalCase identifiers (`target/overdue` →
// `TargetOverdue`). SARIF also requires a name to differ from its id, which
// the Multitool compares ignoring case, so `schema` becomes `SchemaRule`.
export function ruleName(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join("");
  return name.toLowerCase() === id.toLowerCase() ? `${name}Rule` : name;
}

function helpText(rule: RuleMeta): string {
  const sections = [rule.summary, rule.why, `How to fix: ${rule.fix}`];
  if (rule.example) sections.push(`Example:\n${rule.example.trimEnd()}`);
  return sections.join("\n\n");
}

function helpMarkdown(rule: RuleMeta): string {
  const sections = [`**${rule.summary}**`, rule.why, `**How to fix:** ${rule.fix}`];
  if (rule.example) sections.push(`Example:\n\n\`\`\`yaml\n${rule.example.trimEnd()}\n\`\`\``);
  sections.push(`[Rule documentation](${rule.helpUri})`);
  return sections.join("\n\n");
}
