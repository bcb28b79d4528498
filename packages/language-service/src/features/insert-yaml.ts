import { asRecord, type ParsedFile } from "@kpi-as-code/core";
import type { TextEdit } from "vscode-languageserver-types";
import { toPosition, toRange } from "../state/positions.js";

/** A top-level block appended at the end of the file, on its own line. */
export function appendBlock(parsed: ParsedFile, block: string): TextEdit {
  const end = parsed.text.length;
  const separator = end === 0 || parsed.text.endsWith("\n") ? "" : "\n";
  const position = toPosition(parsed, end);
  return { range: { start: position, end: position }, newText: `${separator}${block}\n` };
}

/**
 * A new `id:` entry with a small body added to the block mapping under top-level `key` (created at
 * the end of the file when absent), indented like the entries already there. A flow mapping
 * (`goals: {}`) is left alone: undefined.
 */
export function insertIntoMapping(
  parsed: ParsedFile,
  key: string,
  id: string,
  body: Record<string, string>,
): TextEdit | undefined {
  const existing = Object.keys(asRecord(asRecord(parsed.value)[key]));
  const lines = (indent: string) => [
    `${indent}${id}:`,
    ...Object.entries(body).map(([field, value]) => `${indent}  ${field}: ${value}`),
  ];
  if (!parsed.has([key]) || parsed.value === null) {
    return appendBlock(parsed, [`${key}:`, ...lines("  ")].join("\n"));
  }
  const mapping = parsed.locate([key], "value");
  if (parsed.text.slice(mapping.start, mapping.start + 1) === "{" || existing.length === 0) return undefined;
  const firstKey = parsed.locate([key, existing[0] as string], "key");
  const indent = " ".repeat(toPosition(parsed, firstKey.start).character);
  const lastValue = parsed.locate([key, existing.at(-1) as string], "value");
  const at = toRange(parsed, { start: lastValue.end, end: lastValue.end });
  return { range: at, newText: `\n${lines(indent).join("\n")}` };
}
