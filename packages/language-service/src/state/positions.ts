import type { ParsedFile, Span } from "@kpi-as-code/core";
import type { Position, Range } from "vscode-languageserver-types";

/**
 * The one place where the service turns offsets into LSP positions and back. Core's LineIndex is
 * 1-based; LSP is 0-based. Both count UTF-16 code units, as LSP does by default.
 */
export function toPosition(parsed: ParsedFile, offset: number): Position {
  const { line, column } = parsed.lines.position(offset);
  return { line: line - 1, character: column - 1 };
}

export function toRange(parsed: ParsedFile, span: Span): Range {
  return { start: toPosition(parsed, span.start), end: toPosition(parsed, Math.max(span.start, span.end)) };
}

/** The offset of an LSP position, clamped to the file (clients may point past a line's end). */
export function toOffset(parsed: ParsedFile, position: Position): number {
  const lineStart = parsed.lines.offset({ line: position.line + 1, column: 1 });
  const nextBreak = parsed.text.indexOf("\n", lineStart);
  const lineEnd = nextBreak === -1 ? parsed.text.length : nextBreak;
  return Math.min(lineStart + Math.max(0, position.character), lineEnd);
}

export function spanContains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}
