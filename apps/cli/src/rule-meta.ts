import { posix, relative } from "node:path";
import { type Diagnostic, RULES, ruleDocUrl, toPosix, type ValidationResult } from "@kpi-as-code/core";
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

/**
 * One report of several workspaces, rooted at `root` (where the command ran): every file and
 * diagnostic path made relative to it, so one SARIF run, one JSON and one text list cover them all.
 */
export function mergeReports(
  root: string,
  reports: readonly { root: string; report: ValidationReport }[],
): ValidationReport {
  const workspaces = reports.map(({ root: workspace, report }) => {
    const folder = toPosix(relative(root, workspace));
    const at = (file: string) => (folder === "" ? file : posix.join(folder, file));
    const diagnostics = report.diagnostics.map((d) => ({ ...d, file: at(d.file) }));
    return { folder, files: report.files.map(at), diagnostics };
  });
  // A nested workspace's kpi.yaml is also named by the outer one (workspace/nested): one file still.
  const files = [...new Set(workspaces.flatMap((workspace) => workspace.files))];
  const diagnostics = workspaces.flatMap((workspace) => workspace.diagnostics);
  return { root, files, diagnostics, workspaces, rules: RULE_METAS, toolVersion: VERSION };
}
