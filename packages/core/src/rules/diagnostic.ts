import type { Severity } from "../model/types.js";
import type { ParsedFile, Span } from "../parse/parsed-file.js";
import type { RuleId } from "../registry/rule-ids.js";
import type { At } from "./rule.js";

/** A finding of a rule: offsets into its file plus the 1-based positions the edge needs. */
export interface Diagnostic {
  file: string;
  rule: RuleId;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Turns where a rule pointed into offsets and line/column positions: the one place this happens.
 * Paths resolve in the `yaml` package's position tree (built for a file only once it has a finding);
 * nothing searches the text for a position.
 */
export function resolvePosition(
  parsed: ParsedFile | undefined,
  at: At,
): Pick<Diagnostic, "start" | "end" | "line" | "column" | "endLine" | "endColumn"> {
  const span: Span = !parsed
    ? { start: 0, end: 0 }
    : "span" in at
      ? at.span
      : at.inner
        ? parsed.locateInValue(at.path, at.inner)
        : parsed.locate(at.path, at.target ?? "value");
  const start = parsed ? parsed.lines.position(span.start) : { line: 1, column: 1 };
  const end = parsed ? parsed.lines.position(Math.max(span.end, span.start)) : start;
  return {
    start: span.start,
    end: span.end,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.start - b.start || a.end - b.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/**
 * The files' diagnostics with those of another check added (`kpi validate --sources`, the editor's
 * Check sources), in report order; one found by both (an in-memory DuckDB's misspelt table: the
 * files' rule and the source alike) is kept once.
 */
export function mergeDiagnostics(base: readonly Diagnostic[], extra: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.rule}\0${d.file}\0${d.start}\0${d.end}`;
  const seen = new Set(base.map(key));
  return [...base, ...extra.filter((diagnostic) => !seen.has(key(diagnostic)))].sort(compareDiagnostics);
}
