import type { Path, Span } from "../document/parsed-file.js";

export type SymbolKind = "owner" | "goal" | "source" | "kpi" | "measure";

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
  /** For measures: the KPI that declares them. */
  scope?: string;
  location: SymbolLocation;
}

export function symbolKey(kind: SymbolKind, id: string, scope?: string): string {
  return scope === undefined ? `${kind}:${id}` : `${kind}:${scope}.${id}`;
}
