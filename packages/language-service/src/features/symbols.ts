import type { SymbolKind, SymbolRef } from "@kpi-as-code/core";
import { type DocumentSymbol, SymbolKind as LspSymbolKind } from "vscode-languageserver-types";
import { symbolSpan } from "../cursor/symbol-at.js";
import { toRange } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";
import type { FileRange } from "./locations.js";

const KIND: Record<SymbolKind, LspSymbolKind> = {
  owner: LspSymbolKind.Object,
  goal: LspSymbolKind.Event,
  source: LspSymbolKind.Module,
  kpi: LspSymbolKind.Class,
  measure: LspSymbolKind.Field,
  view: LspSymbolKind.Interface,
};

/** The file's declarations: a KPI with its measures, or kpi.yaml's owners, goals and sources. */
export function documentSymbols(state: WorkspaceState, file: string): DocumentSymbol[] {
  const parsed = state.parsed(file);
  if (!parsed) return [];
  const declared = declarationsIn(state, file);
  const symbolOf = (symbol: SymbolRef, children?: DocumentSymbol[]): DocumentSymbol | undefined => {
    const span = symbolSpan(state, symbol);
    if (!span) return undefined;
    const full = parsed.locate(
      symbol.location.path.slice(0, Math.max(1, symbol.location.path.length)),
      "value",
    );
    const selection = toRange(parsed, span);
    const range = toRange(parsed, {
      start: Math.min(span.start, full.start),
      end: Math.max(span.end, full.end),
    });
    return {
      name: symbol.id,
      detail: symbol.kind,
      kind: KIND[symbol.kind],
      range,
      selectionRange: selection,
      ...(children ? { children } : {}),
    };
  };
  const measures = declared.filter((symbol) => symbol.kind === "measure").flatMap((s) => symbolOf(s) ?? []);
  const kpi = declared.find((symbol) => symbol.kind === "kpi");
  if (kpi) return [symbolOf(kpi, measures)].flatMap((symbol) => (symbol ? [symbol] : []));
  return declared.flatMap((symbol) => symbolOf(symbol) ?? []);
}

export interface FileSymbol extends FileRange {
  name: string;
  kind: LspSymbolKind;
  containerName?: string;
}

/** Declarations across the workspace whose id contains the query's characters in order. */
export function workspaceSymbols(state: WorkspaceState, query: string, limit = 500): FileSymbol[] {
  const matches: FileSymbol[] = [];
  const wanted = query.toLowerCase();
  for (const file of state.fileNames()) {
    const parsed = state.parsed(file);
    if (!parsed) continue;
    for (const symbol of declarationsIn(state, file)) {
      if (!isSubsequence(wanted, symbol.id.toLowerCase())) continue;
      const span = symbolSpan(state, symbol);
      if (!span) continue;
      matches.push({
        name: symbol.id,
        kind: KIND[symbol.kind],
        file,
        range: toRange(parsed, span),
        ...(symbol.scope ? { containerName: symbol.scope } : { containerName: symbol.kind }),
      });
      if (matches.length >= limit) return matches;
    }
  }
  return matches;
}

function declarationsIn(state: WorkspaceState, file: string): SymbolRef[] {
  const { workspace } = state;
  return workspace
    .symbolsIn(file)
    .filter((symbol) => workspace.definitions(symbol.kind, symbol.id, symbol.scope).includes(symbol));
}

function isSubsequence(needle: string, haystack: string): boolean {
  let index = 0;
  for (const char of haystack) if (char === needle[index]) index++;
  return index === needle.length;
}
