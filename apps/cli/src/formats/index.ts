// The writers of `kpi validate --format`: pure functions from a report to the
// text written to stdout (always ending in a newline).
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";
import type { FormatOptions, ValidationReport } from "./types.js";

export const FORMATS = ["text", "json", "github", "sarif", "junit"] as const;
export type FormatName = (typeof FORMATS)[number];

const WRITERS: Record<FormatName, (report: ValidationReport, options: FormatOptions) => string> = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
  junit: formatJunit,
};

export function isFormatName(value: string): value is FormatName {
  return (FORMATS as readonly string[]).includes(value);
}

export function formatReport(format: FormatName, report: ValidationReport, options: FormatOptions): string {
  return WRITERS[format](report, options);
}

export { escapeData, escapeProperty } from "./github.js";
export { summaryLine } from "./text.js";
export type { FormatOptions, ReportDiagnostic, RuleMeta, Severity, ValidationReport } from "./types.js";
