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
 * What is known about one syntactically clean file from its text alone: its value and its schema
 * problems. Plain JSON, so it can cross a worker boundary and live in the cache.
 */
export interface FileFacts {
  value: unknown;
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

/** The analyzed file for known facts: the same entry analyzeFile builds, without parsing or schema work. */
export function analyzeWithFacts(source: SourceFile, facts: FileFacts): AnalyzedFile | undefined {
  const kind = fileKind(source.file);
  if (!kind) return undefined;
  const parsed = new ParsedFile(source.file, source.text, facts.value);
  if (kind === "project") return { kind, entry: projectEntry(parsed, facts.schemaProblems) };
  return { kind, entry: kpiEntry(parsed, facts.schemaProblems) };
}

/** Analyzes with the full parser; also returns the facts when they are clean and cacheable. */
export function analyzeFully(source: SourceFile): { analyzed: AnalyzedFile | undefined; facts?: FileFacts } {
  const analyzed = analyzeFile(source);
  if (!analyzed) return { analyzed };
  const { parsed, schemaProblems } = analyzed.entry;
  if (parsed.syntaxProblems.length > 0 || !survivesJson(parsed.value)) return { analyzed };
  return { analyzed, facts: { value: parsed.value, schemaProblems: [...schemaProblems] } };
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
