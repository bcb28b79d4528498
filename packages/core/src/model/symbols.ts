import type { Path, Span } from "../parse/parsed-file.js";

export type SymbolKind = "owner" | "goal" | "source" | "kpi" | "measure" | "view";

/** Where a symbol is written: a key or value at a path of a file, optionally a sub-range of that value. */
export interface SymbolLocation {
  file: string;
  path: Path;
  target: "key" | "value";
  /** A range inside the value's text (a formula identifier). */
  inner?: Span;
}

export interface SymbolRef {
  kind: SymbolKind;
  id: string;
  /** For measures: the KPI that declares them; for views: their source. */
  scope?: string;
  location: SymbolLocation;
}

/**
 * Symbols (definitions or references) by kind, then by id: a measure's id is qualified by its
 * KPI's. Lists keep file order (see file-ordered-list.ts); a kind's lists keep the order their ids
 * were first seen. No key string is built for the common symbols, which matters on 100,000 of them.
 */
export class SymbolTable {
  private readonly byKind = new Map<SymbolKind, Map<string, SymbolRef[]>>();

  get(kind: SymbolKind, id: string, scope?: string): SymbolRef[] | undefined {
    return this.byKind.get(kind)?.get(idKey(id, scope));
  }

  /**
   * Stores the first symbol of an id in a new list of exactly one (an empty list would grow room
   * for 17 at its first push; most ids have one symbol); for any other, returns the list it goes in.
   */
  add(symbol: SymbolRef): SymbolRef[] | undefined {
    let ids = this.byKind.get(symbol.kind);
    if (!ids) {
      ids = new Map();
      this.byKind.set(symbol.kind, ids);
    }
    const key = idKey(symbol.id, symbol.scope);
    const list = ids.get(key);
    if (!list) ids.set(key, [symbol]);
    return list;
  }

  delete(kind: SymbolKind, id: string, scope?: string): void {
    this.byKind.get(kind)?.delete(idKey(id, scope));
  }

  /** Every non-empty list of a kind, grouped by id. */
  groups(kind: SymbolKind): SymbolRef[][] {
    const groups: SymbolRef[][] = [];
    for (const list of this.byKind.get(kind)?.values() ?? []) if (list.length > 0) groups.push(list);
    return groups;
  }
}

function idKey(id: string, scope: string | undefined): string {
  return scope === undefined ? id : `${scope}.${id}`;
}
