import type {
  FileCodeAction,
  FileEdits,
  FileMove,
  FileRange,
  FileSymbol,
} from "@kpi-as-code/language-service";
import type {
  CodeAction,
  Diagnostic,
  Location,
  SymbolInformation,
  WorkspaceEdit,
} from "vscode-languageserver";
import type { WorkspaceUris } from "./uris.js";

/** Service results name files relative to the workspace; LSP wants URIs. Nothing else changes here. */
export function toLocations(uris: WorkspaceUris, ranges: FileRange[]): Location[] {
  return ranges.map(({ file, range }) => ({ uri: uris.uriOf(file), range }));
}

export function toWorkspaceEdit(uris: WorkspaceUris, edits: FileEdits): WorkspaceEdit {
  return {
    changes: Object.fromEntries(Object.entries(edits).map(([file, list]) => [uris.uriOf(file), list])),
  };
}

/**
 * A rename that also moves a KPI file: text edits first, then the move, as `documentChanges`; only
 * for clients that can rename files (otherwise the ids change and the file keeps its name).
 */
export function toRenameEdit(
  uris: WorkspaceUris,
  edits: FileEdits,
  move: FileMove | undefined,
  canMoveFiles: boolean,
): WorkspaceEdit {
  if (!move || !canMoveFiles) return toWorkspaceEdit(uris, edits);
  return {
    documentChanges: [
      ...Object.entries(edits).map(([file, list]) => ({
        textDocument: { uri: uris.uriOf(file), version: null },
        edits: list,
      })),
      { kind: "rename" as const, oldUri: uris.uriOf(move.from), newUri: uris.uriOf(move.to) },
    ],
  };
}

export function toCodeActions(
  uris: WorkspaceUris,
  actions: FileCodeAction[],
  diagnostics: Diagnostic[],
): CodeAction[] {
  return actions.map((action) => ({
    title: action.title,
    kind: action.kind,
    edit: toWorkspaceEdit(uris, action.edits),
    ...(action.isPreferred ? { isPreferred: true } : {}),
    ...(action.fixes
      ? { diagnostics: diagnostics.filter((diagnostic) => action.fixes?.includes(String(diagnostic.code))) }
      : {}),
  }));
}

export function toSymbolInformation(uris: WorkspaceUris, symbols: FileSymbol[]): SymbolInformation[] {
  return symbols.map(({ name, kind, file, range, containerName }) => ({
    name,
    kind,
    location: { uri: uris.uriOf(file), range },
    ...(containerName ? { containerName } : {}),
  }));
}
