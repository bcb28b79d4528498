import type { Position, Range } from "vscode-languageserver-types";
import { occurrences } from "../cursor/symbol-at.js";
import { toRange } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";
import type { FileEdits } from "./locations.js";
import { idSpan, symbolAtPosition } from "./navigation.js";

const ID = /^[a-z][a-z0-9_]*$/;

export interface RenameTarget {
  range: Range;
  placeholder: string;
}

/**
 * Whether the cursor is on an id that can be renamed everywhere it is written: a goal, owner, source,
 * KPI or measure. Other keys, numbers and text are refused (undefined), as are ids written in a way
 * a plain text edit cannot rewrite (e.g. inside a folded block scalar).
 */
export function prepareRename(
  state: WorkspaceState,
  file: string,
  position: Position,
): RenameTarget | undefined {
  const located = symbolAtPosition(state, file, position);
  if (!located) return undefined;
  const span = idSpan(state, located.symbol, located.span);
  const parsed = state.parsed(file);
  if (!span || !parsed || editsFor(state, located.symbol, located.symbol.id) === undefined) return undefined;
  return { range: toRange(parsed, span), placeholder: located.symbol.id };
}

/** A file to move along with the rename: a KPI file named after its id keeps following its id. */
export interface FileMove {
  from: string;
  to: string;
}

export type RenameResult = { edits: FileEdits; move?: FileMove } | { error: string };

/** Renames the id under the cursor in every file that defines or references it. */
export function rename(
  state: WorkspaceState,
  file: string,
  position: Position,
  newName: string,
): RenameResult {
  const located = symbolAtPosition(state, file, position);
  if (!located) return { error: "Only goal, owner, source, KPI and measure ids can be renamed." };
  if (!ID.test(newName))
    return { error: `"${newName}" is not an id: use snake_case, e.g. first_week_activation.` };
  const edits = editsFor(state, located.symbol, newName);
  if (!edits)
    return { error: `\`${located.symbol.id}\` is written somewhere a rename cannot safely rewrite.` };
  const move = located.symbol.kind === "kpi" ? kpiFileMove(state, located.symbol.id, newName) : undefined;
  return move ? { edits, move } : { edits };
}

function editsFor(
  state: WorkspaceState,
  symbol: Parameters<typeof occurrences>[1],
  newName: string,
): FileEdits | undefined {
  const edits: FileEdits = {};
  for (const occurrence of occurrences(state, symbol)) {
    const span = idSpan(state, occurrence.symbol, occurrence.span);
    const parsed = state.parsed(occurrence.symbol.location.file);
    if (!span || !parsed) return undefined;
    const file = occurrence.symbol.location.file;
    edits[file] = [...(edits[file] ?? []), { range: toRange(parsed, span), newText: newName }];
  }
  return edits;
}

function kpiFileMove(state: WorkspaceState, id: string, newName: string): FileMove | undefined {
  const [definition] = state.workspace.definitions("kpi", id);
  const from = definition?.location.file;
  const match = from ? /^(.*\/)?([^/]+)(\.kpi\.ya?ml)$/.exec(from) : null;
  if (!from || !match || match[2] !== id || state.workspace.kpisWithId(id).length > 1) return undefined;
  const to = `${match[1] ?? ""}${newName}${match[3]}`;
  return state.hasFile(to) ? undefined : { from, to };
}
