import { ParsedFile } from "../document/parsed-file.js";
import { kpiEntry, projectEntry } from "../model/workspace.js";
import { type SchemaProblem, validateAgainstSchema } from "../schema/index.js";
import {
  type AnalyzedFile,
  analyzeFile,
  fileKind,
  MAX_FILE_BYTES,
  type SourceFile,
} from "../validate/analyze-file.js";
import { parseYamlFast } from "./fast-yaml.js";

/**
 * What is known about one file from its text alone: its schema problems and, when the file has no
 * syntax problems, its value. Plain JSON, so it can cross a worker boundary and live in the cache.
 */
export interface FileFacts {
  /** Absent when the file has syntax problems: the full parser then runs again for their positions. */
  value?: unknown;
  schemaProblems: SchemaProblem[];
}

/** Facts from the fast parser, or undefined when the file needs the full `yaml` parser. */
export function fastFacts(source: SourceFile): FileFacts | undefined {
  const kind = fileKind(source.file);
  if (!kind || source.text.length > MAX_FILE_BYTES) return undefined;
  const value = parseYamlFast(source.text);
  if (value === undefined) return undefined;
  return { value, schemaProblems: validateAgainstSchema(kind, value) };
}

/** The analyzed file for known facts: the entry analyzeFile builds, without its parse or schema work. */
export function analyzeWithFacts(source: SourceFile, facts: FileFacts): AnalyzedFile | undefined {
  const kind = fileKind(source.file);
  if (!kind) return undefined;
  const parsed =
    "value" in facts
      ? new ParsedFile(source.file, source.text, facts.value)
      : new ParsedFile(source.file, source.text);
  if (kind === "project") return { kind, entry: projectEntry(parsed, facts.schemaProblems) };
  return { kind, entry: kpiEntry(parsed, facts.schemaProblems) };
}

/**
 * Analyzes with the full parser, and returns what of it can be reused: the schema problems of any
 * parseable file (so a broken file does not cost a schema check on every run) and the value of a
 * clean one. Oversized and binary files give no facts.
 */
export function analyzeFully(source: SourceFile): { analyzed: AnalyzedFile | undefined; facts?: FileFacts } {
  const analyzed = analyzeFile(source);
  if (!analyzed || source.text.length > MAX_FILE_BYTES || source.text.includes("\0")) return { analyzed };
  const { parsed, schemaProblems } = analyzed.entry;
  const facts: FileFacts = { schemaProblems: [...schemaProblems] };
  if (parsed.syntaxProblems.length === 0 && survivesJson(parsed.value)) facts.value = parsed.value;
  return { analyzed, facts };
}

/** Whether JSON keeps this value exactly (no NaN, Infinity, -0, undefined or special keys). */
export function survivesJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(survivesJson);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (key === "__proto__" || !survivesJson((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}
