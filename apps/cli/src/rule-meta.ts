import { type Diagnostic, RULES, ruleDocUrl, type ValidationResult } from "@kpi-as-code/core";
import type { ReportDiagnostic, RuleMeta, ValidationReport } from "./formats/index.js";
import { VERSION } from "./version.js";

export const RULE_METAS: RuleMeta[] = RULES.map((rule) => ({
  id: rule.id,
  defaultSeverity: rule.defaultSeverity,
  summary: rule.summary,
  why: rule.why,
  fix: rule.fix,
  example: rule.example,
  // The same section links as the language server's diagnostics (anchors set in docs/rules.md).
  helpUri: ruleDocUrl(rule.id),
}));

export function toReportDiagnostic(diagnostic: Diagnostic): ReportDiagnostic {
  const { file, line, column, endLine, endColumn, severity, rule, message } = diagnostic;
  return { file, line, column, endLine, endColumn, severity, rule, message };
}

export function toReport(
  root: string,
  result: Pick<ValidationResult, "files" | "diagnostics">,
): ValidationReport {
  return {
    root,
    files: result.files,
    diagnostics: result.diagnostics.map(toReportDiagnostic),
    rules: RULE_METAS,
    toolVersion: VERSION,
  };
}
