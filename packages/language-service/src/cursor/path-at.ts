import { asRecord, type ParsedFile, type Path } from "@kpi-as-code/core";
import { spanContains } from "../state/positions.js";

export interface PathAtCursor {
  path: Path;
  /** Whether the cursor is on the key itself or inside its value. */
  target: "key" | "value";
}

/**
 * The deepest key or value under the cursor in a parsed file, found by walking the file's value and
 * asking the parser where each node is (never by searching the text).
 */
export function pathAt(parsed: ParsedFile, offset: number): PathAtCursor | undefined {
  return walk(parsed, parsed.value, [], offset);
}

function walk(parsed: ParsedFile, value: unknown, path: Path, offset: number): PathAtCursor | undefined {
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(asRecord(value));
  for (const [segment, child] of children) {
    const childPath = [...path, segment];
    if (typeof segment === "string" && spanContains(parsed.locate(childPath, "key"), offset)) {
      return { path: childPath, target: "key" };
    }
    if (!spanContains(parsed.locate(childPath, "value"), offset)) continue;
    return walk(parsed, child, childPath, offset) ?? { path: childPath, target: "value" };
  }
  return undefined;
}
