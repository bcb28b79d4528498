import {
  analyzeFile,
  buildWorkspace,
  fileKind,
  PROJECT_FILE,
  parseYamlFast,
  type SourceFile,
  type Workspace,
} from "@kpi-as-code/core";
import { type DiffLabels, diffWorkspaces } from "./diff-workspaces.js";
import type { AlignmentFacts } from "./goal-balance.js";
import type { WorkspaceDiff } from "./types.js";

/** The files that differ between two revisions; kpi.yaml belongs on each side where it exists. */
export interface ChangedFiles {
  base: readonly SourceFile[];
  head: readonly SourceFile[];
}

/**
 * The semantic diff from the files that differ between two revisions. Parsing dominates the cost,
 * so a caller that knows which files are identical (git blob ids) passes only the others: in a pull
 * request a handful of 10,000 files differ. `unchanged` reads the identical KPI files; it is called
 * only when a goal may have lost its last leading or lagging KPI.
 */
export function diffChangedFiles(
  changed: ChangedFiles,
  labels: DiffLabels,
  unchanged: () => readonly SourceFile[] = () => [],
): WorkspaceDiff {
  return diffWorkspaces(workspaceOf(changed.base), workspaceOf(changed.head), labels, () =>
    unchanged().map(alignmentFacts),
  );
}

/** The semantic diff of two whole sets of workspace files, comparing texts to skip identical files. */
export function diffSourceFiles(
  base: readonly SourceFile[],
  head: readonly SourceFile[],
  labels: DiffLabels,
): WorkspaceDiff {
  const baseText = new Map(base.map((file) => [file.file, file.text]));
  const same = (file: SourceFile) => file.file !== PROJECT_FILE && baseText.get(file.file) === file.text;
  const identical = new Set(head.filter(same).map((file) => file.file));
  const differing = (files: readonly SourceFile[]) => files.filter((file) => !identical.has(file.file));
  return diffChangedFiles({ base: differing(base), head: differing(head) }, labels, () => head.filter(same));
}

function workspaceOf(files: readonly SourceFile[]): Workspace {
  return buildWorkspace(files.map((file) => analyzeFile(file, fastValue(file))));
}

/** The fast parser's value when the file lies in its subset; the full parser handles the rest. */
function fastValue(file: SourceFile): unknown {
  return fileKind(file.file) === undefined ? undefined : parseYamlFast(file.text);
}

/**
 * The goal and indicator of an unchanged KPI file, read from its top-level `goal:` and `indicator:`
 * lines. KPI files are written that way; anything else (quotes, flow style, a repeated key) falls back
 * to the parser, so the answer is always the parser's.
 */
export function alignmentFacts(file: SourceFile): AlignmentFacts {
  const goal = topLevelIds(file.text, "goal");
  const indicator = topLevelIds(file.text, "indicator");
  if (goal.length === 1 && indicator.length === 1) return { goal: goal[0], indicator: indicator[0] };
  const analyzed = analyzeFile(file, fastValue(file));
  return analyzed?.kind === "kpi" ? analyzed.entry.data : {};
}

function topLevelIds(text: string, key: string): string[] {
  const pattern = new RegExp(`^${key}[ \\t]*:[ \\t]*([a-z][a-z0-9_]*)[ \\t]*(?:#.*)?$`, "gm");
  const keyLine = new RegExp(`^["']?${key}["']?[ \\t]*:`, "gm");
  const ids = [...text.matchAll(pattern)].map((match) => match[1] as string);
  // A key line the simple pattern did not accept (quoted key, odd value): let the parser decide.
  return [...text.matchAll(keyLine)].length === ids.length ? ids : [];
}
