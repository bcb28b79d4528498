import type { ParsedFile, Span } from "../document/parsed-file.js";
import { isBlankOrComment, isPlainKey } from "../fast/fast-yaml-scalars.js";
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
        : (topLevelPlainValue(parsed, at) ??
          blockMappingKey(parsed, at) ??
          parsed.locate(at.path, at.target ?? "value"));
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

/** A top-level pair with a one-word plain value and nothing but a comment after it. */
const SIMPLE_PAIR = /^([a-z_][a-z0-9_]*):( +)([A-Za-z0-9_][A-Za-z0-9_.-]*)(?: +#.*)? *$/;

/**
 * The span of a top-level value such as `direction: sideways` found without building the `yaml`
 * position tree, which costs a full parse of every file with a finding when an editor indexes a
 * large workspace. Only for texts inside the fast parser's subset (one document, block mappings,
 * no duplicate keys, no multi-line scalars but block scalars, which are indented), where a line
 * starting with `key:` can only be that pair; the tree answers every other case.
 * test/incremental checks it against the tree.
 */
export function topLevelPlainValue(parsed: ParsedFile, at: At): Span | undefined {
  if ("span" in at || at.inner || (at.target ?? "value") !== "value" || at.path.length !== 1)
    return undefined;
  const [key] = at.path;
  if (typeof key !== "string") return undefined;
  const text = parsed.text;
  const prefix = `${key}:`;
  const lineStart = lineStartingWith(text, prefix);
  if (lineStart < 0) return undefined;
  const lineEnd = text.indexOf("\n", lineStart);
  const match = SIMPLE_PAIR.exec(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
  if (match?.[1] !== key || !parsed.inFastSubset) return undefined;
  const start = lineStart + key.length + 1 + (match[2]?.length ?? 0);
  return { start, end: start + (match[3]?.length ?? 0) };
}

/** Where the first line starting with `prefix` starts; -1 if none does. */
function lineStartingWith(text: string, prefix: string): number {
  if (text.startsWith(prefix)) return 0;
  const newline = text.indexOf(`\n${prefix}`);
  return newline < 0 ? -1 : newline + 1;
}

/**
 * The span of a key reached through block mappings (`goals:` → `  grow_revenue:`), found by
 * indentation without the `yaml` position tree, whose first use costs tens of milliseconds in a
 * process that never needed it (a language server indexing a workspace whose only tree-located
 * findings are under kpi.yaml's goals). Only for texts inside the fast parser's subset, where every
 * line at a mapping's indentation inside its block is one of its keys: block scalars are indented
 * deeper than their key, and there are no multi-line flow collections or plain scalars, no
 * duplicate keys and no anchors. Any other shape (quoted keys, sequences, flow mappings, a key that
 * is not there) is left to the tree. test/incremental checks it against the tree.
 */
export function blockMappingKey(parsed: ParsedFile, at: At): Span | undefined {
  if ("span" in at || at.inner || at.target !== "key" || at.path.length === 0) return undefined;
  if (!at.path.every((segment) => typeof segment === "string" && isPlainKey(segment))) return undefined;
  if (!parsed.inFastSubset) return undefined;
  const text = parsed.text;
  let depth = 0;
  let parentIndent = -1;
  // The indentation of the mapping being searched; unknown until its first line.
  let levelIndent: number | undefined = 0;
  for (let lineStart = 0; lineStart < text.length; ) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    let contentStart = lineStart;
    while (contentStart < lineEnd && text.charCodeAt(contentStart) === 32) contentStart++;
    const indent = contentStart - lineStart;
    lineStart = lineEnd + 1;
    if (contentStart === lineEnd || text.charCodeAt(contentStart) === 35 /* # */) continue;
    if (levelIndent === undefined) {
      if (indent <= parentIndent) return undefined;
      levelIndent = indent;
    }
    if (indent < levelIndent) return undefined;
    if (indent > levelIndent) continue;
    const key = at.path[depth] as string;
    const afterKey = contentStart + key.length;
    if (!text.startsWith(key, contentStart) || text.charCodeAt(afterKey) !== 58 /* : */) continue;
    const next = text.charCodeAt(afterKey + 1);
    if (afterKey + 1 < lineEnd && next !== 32) continue;
    if (depth === at.path.length - 1) return { start: contentStart, end: afterKey };
    // Only a key with nothing but a comment after it opens a block mapping to descend into.
    if (!isBlankOrComment(text.slice(afterKey + 1, lineEnd))) return undefined;
    depth += 1;
    parentIndent = levelIndent;
    levelIndent = undefined;
  }
  return undefined;
}
