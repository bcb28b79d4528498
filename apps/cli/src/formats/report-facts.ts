// Facts several writers derive from a report the same way: the reading order
// of diagnostics, the counts in the summary, and paths as the repository sees them.
import { posix } from "node:path";
import type { ReportDiagnostic, ValidationReport } from "./types.js";

/** Diagnostics in reading order: by file, then line, then column (stable otherwise). */
export function sortDiagnostics(diagnostics: readonly ReportDiagnostic[]): ReportDiagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.endLine - b.endLine ||
      a.endColumn - b.endColumn,
  );
}

// Code-unit order, not locale order, so the output is the same on every machine.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ReportCounts {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function countReport(report: ValidationReport): ReportCounts {
  const counts: ReportCounts = { files: report.files.length, errors: 0, warnings: 0, infos: 0 };
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.severity === "error") counts.errors++;
    else if (diagnostic.severity === "warning") counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** A workspace-relative path made relative to the repository root by prepending `pathPrefix`. */
export function repositoryPath(file: string, pathPrefix: string | undefined): string {
  const posixFile = file.replaceAll("\\", "/");
  if (!pathPrefix) return posixFile;
  return posix.join(pathPrefix.replaceAll("\\", "/"), posixFile);
}

/** Every file the report mentions: the checked files first, then any only a diagnostic names. */
export function mentionedFiles(report: ValidationReport): string[] {
  const files = new Set(report.files);
  for (const diagnostic of report.diagnostics) files.add(diagnostic.file);
  return [...files];
}
