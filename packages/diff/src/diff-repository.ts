import { posix } from "node:path";
import type { DiffLabels } from "./diff-workspaces.js";
import type {
  DiffSummary,
  RepositoryDiff,
  WorkspaceChangeKind,
  WorkspaceDiff,
  WorkspaceGroupDiff,
} from "./types.js";

/** One workspace's diff, as the caller computed it, and where the workspace lies. */
export interface WorkspaceDiffEntry {
  /** The workspace's folder relative to where the command ran, forward slashes ("" or "." for that folder). */
  workspace: string;
  change: WorkspaceChangeKind;
  diff: WorkspaceDiff;
}

/**
 * Several workspaces' diffs as one: in folder order, each KPI's file made relative to the folder the
 * command ran in (so that two `kpi.yaml` or two `x.kpi.yaml` stay apart), summaries added up.
 */
export function groupWorkspaceDiffs(
  labels: DiffLabels,
  entries: readonly WorkspaceDiffEntry[],
): RepositoryDiff {
  const workspaces = [...entries]
    .sort((a, b) => (a.workspace < b.workspace ? -1 : a.workspace > b.workspace ? 1 : 0))
    .map(({ workspace, change, diff }): WorkspaceGroupDiff => {
      const folder = workspace === "" ? "." : workspace;
      const at = (file: string) => posix.join(folder, file);
      const kpis = diff.kpis.map((kpi) => ({
        ...kpi,
        file: at(kpi.file),
        ...(kpi.previousFile !== undefined ? { previousFile: at(kpi.previousFile) } : {}),
      }));
      return { workspace: folder, workspaceChange: change, ...diff, kpis };
    });
  return { base: labels.base, head: labels.head, workspaces, summary: addSummaries(workspaces) };
}

function addSummaries(diffs: readonly WorkspaceDiff[]): DiffSummary {
  const total: DiffSummary = {
    kpis: { added: 0, removed: 0, changed: 0, moved: 0 },
    goals: 0,
    owners: 0,
    sources: 0,
    risks: {},
  };
  for (const { summary } of diffs) {
    for (const kind of ["added", "removed", "changed", "moved"] as const)
      total.kpis[kind] += summary.kpis[kind];
    total.goals += summary.goals;
    total.owners += summary.owners;
    total.sources += summary.sources;
    for (const [id, count] of Object.entries(summary.risks) as [keyof DiffSummary["risks"], number][])
      total.risks[id] = (total.risks[id] ?? 0) + count;
  }
  return total;
}
