// The machine format of spec section 3: diagnostics plus a summary, with the
// keys in a fixed order so the output diffs cleanly.
import { countReport, sortDiagnostics } from "./report-facts.js";
import type { ValidationReport } from "./types.js";

export function formatJson(report: ValidationReport): string {
  const counts = countReport(report);
  const output = {
    diagnostics: sortDiagnostics(report.diagnostics).map((diagnostic) => ({
      file: diagnostic.file,
      line: diagnostic.line,
      column: diagnostic.column,
      endLine: diagnostic.endLine,
      endColumn: diagnostic.endColumn,
      severity: diagnostic.severity,
      rule: diagnostic.rule,
      message: diagnostic.message,
    })),
    // Info diagnostics are advice, not problems: they count as neither.
    summary: { files: counts.files, errors: counts.errors, warnings: counts.warnings },
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
