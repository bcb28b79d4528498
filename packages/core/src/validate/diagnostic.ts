import type { ParsedFile, Span } from "../document/parsed-file.js";
import type { Severity } from "../model/types.js";
import type { RuleId } from "../rules/ids.js";
import type { At } from "../rules/rule.js";

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

/** Turns where a rule pointed into offsets and line/column positions: the one place this happens. */
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
        : (topLevelPlainValue(parsed, at) ?? parsed.locate(at.path, at.target ?? "value"));
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

/** A top-level key at the start of a line with a one-word plain value and nothing but a comment after it. */
const SIMPLE_PAIR = /^([a-z_][a-z0-9_]*):( +)([A-Za-z0-9_][A-Za-z0-9_.-]*)(?: +#.*)? *$/gm;

/**
 * The span of a top-level value such as `direction: sideways` found without building the `yaml`
 * position tree, which costs a full parse of every file with a finding when an editor indexes a
 * large workspace. Only for texts inside the fast parser's subset (one document, block mappings,
 * no duplicate keys, no multi-line plain scalars), where such a line can only be that pair; the
 * tree answers every other case. test/incremental checks it against the tree.
 */
export function topLevelPlainValue(parsed: ParsedFile, at: At): Span | undefined {
  if ("span" in at || at.inner || (at.target ?? "value") !== "value" || at.path.length !== 1)
    return undefined;
  const [key] = at.path;
  if (typeof key !== "string") return undefined;
  let found: Span | undefined;
  for (const match of parsed.text.matchAll(SIMPLE_PAIR)) {
    if (match[1] !== key) continue;
    if (found) return undefined;
    const start = match.index + key.length + 1 + (match[2]?.length ?? 0);
    found = { start, end: start + (match[3]?.length ?? 0) };
  }
  if (!found || !parsed.inFastSubset) return undefined;
  return found;
}
