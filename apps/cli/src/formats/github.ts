// GitHub Actions workflow commands: each diagnostic becomes an annotation on
// the pull request's diff. Paths must be relative to the repository root.
import { escapeControl } from "@kpi-as-code/core";
import { repositoryPath, sortDiagnostics } from "./report-facts.js";
import { summaryLine } from "./text.js";
import type { FormatOptions, ReportDiagnostic, Severity, ValidationReport } from "./types.js";

const COMMAND_BY_SEVERITY: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

export function formatGithub(report: ValidationReport, options: FormatOptions): string {
  const lines = sortDiagnostics(report.diagnostics).map((diagnostic) =>
    annotation(diagnostic, options.pathPrefix),
  );
  // A plain line, not a command: it only shows in the job log.
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
}

function annotation(diagnostic: ReportDiagnostic, pathPrefix: string | undefined): string {
  const properties = [
    `file=${escapeProperty(escapeControl(repositoryPath(diagnostic.file, pathPrefix)))}`,
    `line=${diagnostic.line}`,
    `col=${diagnostic.column}`,
    `endLine=${diagnostic.endLine}`,
    `endColumn=${diagnostic.endColumn}`,
    `title=${escapeProperty(diagnostic.rule)}`,
  ].join(",");
  // Line breaks are the annotation's own (%0A); any other control character is shown, not acted on, in the log.
  const message = escapeControl(diagnostic.message, { keep: "\r\n" });
  return `::${COMMAND_BY_SEVERITY[diagnostic.severity]} ${properties}::${escapeData(message)}`;
}

// The same escaping as @actions/core's command.ts: `%` first, so the escapes
// it introduces are not escaped again.
export function escapeData(value: string): string {
  return value.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
