import { ParsedFile } from "../document/parsed-file.js";
import {
  isKpiFileName,
  type KpiEntry,
  kpiEntry,
  PROJECT_FILE,
  type ProjectEntry,
  projectEntry,
} from "../model/workspace.js";
import { validateAgainstSchema } from "../schema/index.js";

export interface SourceFile {
  /** Path relative to the workspace root, with forward slashes. */
  file: string;
  text: string;
}

export type AnalyzedFile = { kind: "project"; entry: ProjectEntry } | { kind: "kpi"; entry: KpiEntry };

/** Files larger than this are not parsed: a KPI file is a page of YAML, not a data dump. */
export const MAX_FILE_BYTES = 1_000_000;

export function fileKind(file: string): "project" | "kpi" | undefined {
  if (file === PROJECT_FILE) return "project";
  return isKpiFileName(file) ? "kpi" : undefined;
}

/**
 * Everything that can be known about one file alone: syntax, schema, formula.
 * `fastValue`, what parseYamlFast gave for the text (when it gave one), skips the full YAML parse.
 */
export function analyzeFile(source: SourceFile, fastValue?: unknown): AnalyzedFile | undefined {
  const kind = fileKind(source.file);
  if (!kind) return undefined;
  const parsed =
    unparseable(source) ??
    (fastValue === undefined
      ? new ParsedFile(source.file, source.text)
      : ParsedFile.fromFastParser(source.file, source.text, fastValue));
  const schemaProblems = parsed.valueIsSound ? validateAgainstSchema(kind, parsed.value ?? null) : [];
  if (kind === "project") return { kind, entry: projectEntry(parsed, schemaProblems) };
  return { kind, entry: kpiEntry(parsed, schemaProblems) };
}

/** Oversized and binary files are refused before parsing, with a problem at the file's start. */
function unparseable(source: SourceFile): ParsedFile | undefined {
  const at = { start: 0, end: Math.min(1, source.text.length) };
  if (source.text.length > MAX_FILE_BYTES) {
    const message = `file is ${source.text.length} characters; KPI files are limited to ${MAX_FILE_BYTES}`;
    return ParsedFile.unparsed(source.file, source.text, { ...at, code: "TOO_LARGE", message });
  }
  const nul = source.text.indexOf("\0");
  if (nul >= 0) {
    const problem = {
      start: nul,
      end: nul + 1,
      code: "BINARY",
      message: "file contains a NUL byte: not a text file",
    };
    return ParsedFile.unparsed(source.file, source.text, problem);
  }
  return undefined;
}
