import type { ParsedFile, Path } from "@kpi-as-code/core";
import type { FoldingRange } from "vscode-languageserver-types";
import { toPosition } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";

/** Editors show at most a few thousand ranges (VS Code: 5,000); a walk past that is wasted. */
const MAX_RANGES = 5000;

/**
 * Folding ranges of a KPI file or kpi.yaml: every mapping or sequence that spans lines (`measures`
 * and each measure, `target`, `sources`, `action_plan`...) and every multi-line string (a SQL view),
 * from its key's line to its last line. Positions come from the parsed file, not from indentation.
 */
export function foldingRanges(state: WorkspaceState, file: string): FoldingRange[] {
  const parsed = state.parsed(file);
  if (!parsed) return [];
  const ranges: FoldingRange[] = [];
  const visit = (value: unknown, path: PathSegments): void => {
    if (ranges.length >= MAX_RANGES) return;
    const isCollection = typeof value === "object" && value !== null;
    if (path.length > 0 && (isCollection || typeof value === "string")) {
      // A node on one line has nothing below it to fold either.
      const range = foldingRange(parsed, path);
      if (!range) return;
      ranges.push(range);
    }
    if (!isCollection) return;
    for (const [key, item] of Object.entries(value))
      visit(item, [...path, Array.isArray(value) ? Number(key) : key]);
  };
  visit(parsed.value, []);
  // Editors keep one range per start line: the outer one (visited first) is kept.
  const byStart = new Map<number, FoldingRange>();
  for (const range of ranges) if (!byStart.has(range.startLine)) byStart.set(range.startLine, range);
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}

type PathSegments = (string | number)[];

function foldingRange(parsed: ParsedFile, path: Path): FoldingRange | undefined {
  const value = parsed.locate(path, "value");
  // An alias stands for a node elsewhere: the paths below it are not in this part of the text.
  if (parsed.text[value.start] === "*") return undefined;
  const start = typeof path.at(-1) === "number" ? value.start : parsed.locate(path, "key").start;
  let end = value.end;
  while (end > value.start && /\s/.test(parsed.text[end - 1] as string)) end--;
  const startLine = toPosition(parsed, start).line;
  const endLine = toPosition(parsed, end).line;
  return endLine > startLine ? { startLine, endLine } : undefined;
}
