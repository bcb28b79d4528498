import type { Range, TextEdit } from "vscode-languageserver-types";

/** A range in a workspace file; the server turns `file` (relative to the root) into a URI. */
export interface FileRange {
  file: string;
  range: Range;
}

/** Text edits by workspace-relative file. */
export type FileEdits = Record<string, TextEdit[]>;
