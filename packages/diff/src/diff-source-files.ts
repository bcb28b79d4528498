import { analyzeFile, buildWorkspace, fileKind, type SourceFile } from "@kpi-as-code/core";
import { type DiffLabels, diffWorkspaces } from "./diff-workspaces.js";
import type { AlignmentFacts } from "./goal-balance.js";
import type { WorkspaceDiff } from "./types.js";

/**
 * The semantic diff of two sets of workspace files (kpi.yaml and KPI files, paths relative to the
 * workspace). Parsing dominates the cost, so a KPI file whose text is identical at the same path
 * on both sides is not parsed at all: in a pull request only a handful of 10,000 files differ.
 * The project file is always parsed, since every KPI refers into it.
 */
export function diffSourceFiles(
  base: readonly SourceFile[],
  head: readonly SourceFile[],
  labels: DiffLabels,
): WorkspaceDiff {
  const baseText = new Map(base.map((file) => [file.file, file.text]));
  const unchanged = head.filter(
    (file) => fileKind(file.file) === "kpi" && baseText.get(file.file) === file.text,
  );
  const same = new Set(unchanged.map((file) => file.file));
  const differing = (files: readonly SourceFile[]) =>
    buildWorkspace(files.filter((file) => !same.has(file.file)).map((file) => analyzeFile(file)));
  return diffWorkspaces(differing(base), differing(head), labels, () => unchanged.map(alignmentFacts));
}

/**
 * The goal and indicator of an unchanged KPI file, read from its top-level `goal:` and `indicator:`
 * lines. KPI files are written that way; anything else (quotes, flow style, a repeated key) falls back
 * to the full parser, so the answer is always the parser's.
 */
export function alignmentFacts(file: SourceFile): AlignmentFacts {
  const goal = topLevelIds(file.text, "goal");
  const indicator = topLevelIds(file.text, "indicator");
  if (goal.length === 1 && indicator.length === 1) return { goal: goal[0], indicator: indicator[0] };
  const analyzed = analyzeFile(file);
  return analyzed?.kind === "kpi" ? analyzed.entry.data : {};
}

function topLevelIds(text: string, key: string): string[] {
  const pattern = new RegExp(`^${key}[ \\t]*:[ \\t]*([a-z][a-z0-9_]*)[ \\t]*(?:#.*)?$`, "gm");
  const keyLine = new RegExp(`^["']?${key}["']?[ \\t]*:`, "gm");
  const ids = [...text.matchAll(pattern)].map((match) => match[1] as string);
  // A key line the simple pattern did not accept (quoted key, odd value): let the parser decide.
  return [...text.matchAll(keyLine)].length === ids.length ? ids : [];
}
