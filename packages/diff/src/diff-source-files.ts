import {
  analyzeFile,
  buildWorkspace,
  PROJECT_FILE,
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
  return buildWorkspace(files.map(analyzeFile));
}

/** The goal and indicator of an unchanged KPI file, as analyzeFile reads them. */
export function alignmentFacts(file: SourceFile): AlignmentFacts {
  const analyzed = analyzeFile(file);
  return analyzed?.kind === "kpi" ? analyzed.entry.data : {};
}
