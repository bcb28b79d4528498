import { type Diagnostic, RULES, type ValidationResult } from "@kpi-as-code/core";
import type { ReportDiagnostic, RuleMeta, ValidationReport } from "./formats/index.js";
import { VERSION } from "./version.js";

export const RULES_DOC_URL = "https://github.com/kpi-as-code/kpi-as-code/blob/main/docs/rules.md";

/** The anchor GitHub gives the heading "`<rule id>`" in docs/rules.md. */
export function ruleAnchor(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, "")
    .replace(/ /g, "-");
}

export const RULE_METAS: RuleMeta[] = RULES.map((rule) => ({
  id: rule.id,
  defaultSeverity: rule.defaultSeverity,
  summary: rule.summary,
  why: rule.why,
  fix: rule.fix,
  example: rule.example,
  helpUri: `${RULES_DOC_URL}#${ruleAnchor(rule.id)}`,
}));

export function toReportDiagnostic(diagnostic: Diagnostic): ReportDiagnostic {
  const { file, line, column, endLine, endColumn, severity, rule, message } = diagnostic;
  return { file, line, column, endLine, endColumn, severity, rule, message };
}

export function toReport(root: string, result: ValidationResult): ValidationReport {
  return {
    root,
    files: result.files,
    diagnostics: result.diagnostics.map(toReportDiagnostic),
    rules: RULE_METAS,
    toolVersion: VERSION,
  };
}
