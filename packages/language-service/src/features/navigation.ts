import type { Span, SymbolRef } from "@kpi-as-code/core";
import type { Position } from "vscode-languageserver-types";
import { type LocatedSymbol, occurrences, symbolAt } from "../cursor/symbol-at.js";
import { toOffset, toRange } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";
import type { FileRange } from "./locations.js";

/** The symbol under the cursor, if any. */
export function symbolAtPosition(
  state: WorkspaceState,
  file: string,
  position: Position,
): LocatedSymbol | undefined {
  const parsed = state.parsed(file);
  return parsed ? symbolAt(state, file, toOffset(parsed, position)) : undefined;
}

/** Where the id under the cursor is declared: a goal, owner or source in kpi.yaml, a KPI, a measure. */
export function definition(state: WorkspaceState, file: string, position: Position): FileRange[] {
  const located = symbolAtPosition(state, file, position);
  if (!located) return [];
  const { kind, id, scope } = located.symbol;
  return toFileRanges(
    state,
    occurrences(state, located.symbol).filter((occurrence) =>
      state.workspace.definitions(kind, id, scope).includes(occurrence.symbol),
    ),
  );
}

/** Every place the id under the cursor is written, across all files (the declaration optional). */
export function references(
  state: WorkspaceState,
  file: string,
  position: Position,
  includeDeclaration: boolean,
): FileRange[] {
  const located = symbolAtPosition(state, file, position);
  if (!located) return [];
  const { kind, id, scope } = located.symbol;
  const definitions = state.workspace.definitions(kind, id, scope);
  return toFileRanges(
    state,
    occurrences(state, located.symbol).filter(
      (occurrence) => includeDeclaration || !definitions.includes(occurrence.symbol),
    ),
  );
}

function toFileRanges(state: WorkspaceState, located: LocatedSymbol[]): FileRange[] {
  return located.flatMap(({ symbol, span }) => {
    const parsed = state.parsed(symbol.location.file);
    return parsed ? [{ file: symbol.location.file, range: toRange(parsed, span) }] : [];
  });
}

/** The id's own characters inside a located key or value (a quoted value's span includes its quotes). */
export function idSpan(state: WorkspaceState, symbol: SymbolRef, span: Span): Span | undefined {
  const text = state.text(symbol.location.file) ?? "";
  const written = text.slice(span.start, span.end);
  if (written === symbol.id) return span;
  if (written === `"${symbol.id}"` || written === `'${symbol.id}'`)
    return { start: span.start + 1, end: span.end - 1 };
  return undefined;
}
