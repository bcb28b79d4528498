import type { Span, SymbolRef } from "@kpi-as-code/core";
import { spanContains } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";

export interface LocatedSymbol {
  symbol: SymbolRef;
  span: Span;
}

/** Where a definition or reference is written, as offsets into its file. */
export function symbolSpan(state: WorkspaceState, symbol: SymbolRef): Span | undefined {
  const parsed = state.parsed(symbol.location.file);
  if (!parsed) return undefined;
  const { path, target, inner } = symbol.location;
  return inner ? parsed.locateInValue(path, inner) : parsed.locate(path, target);
}

/** The definition or reference under the cursor, the innermost when several cover it. */
export function symbolAt(state: WorkspaceState, file: string, offset: number): LocatedSymbol | undefined {
  let best: LocatedSymbol | undefined;
  for (const symbol of state.workspace.symbolsIn(file)) {
    const span = symbolSpan(state, symbol);
    if (!span || !spanContains(span, offset)) continue;
    if (!best || span.end - span.start < best.span.end - best.span.start) best = { symbol, span };
  }
  return best;
}

/** Every place a symbol is defined, then every place it is referenced, across the workspace. */
export function occurrences(state: WorkspaceState, symbol: SymbolRef): LocatedSymbol[] {
  const { workspace } = state;
  const all = [
    ...workspace.definitions(symbol.kind, symbol.id, symbol.scope),
    ...workspace.references(symbol.kind, symbol.id, symbol.scope),
  ];
  return all.flatMap((ref) => {
    const span = symbolSpan(state, ref);
    return span ? [{ symbol: ref, span }] : [];
  });
}
