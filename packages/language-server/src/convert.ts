import type { FileCodeAction, FileEdits, FileRange, FileSymbol } from "@kpi-as-code/language-service";
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
