/**
 * Several KPI workspaces in one window (several folders, or `teams/support/kpi.yaml` and
 * `teams/growth/kpi.yaml` in one): which workspace a file belongs to, and each workspace's summary
 * holding exactly its own KPIs. Free of `vscode`, so it is tested directly.
 */
import { relative, sep } from "node:path";
import { countStatuses, type KpiSummary, STATUS_STYLE, type WorkspaceSummary } from "./protocol.js";

export type LoadedWorkspace = { root: string; summary: WorkspaceSummary } | { root: string; error: string };

/** The KPI workspace a file belongs to: the nearest folder upwards that holds a kpi.yaml. */
export function workspaceOf(file: string, roots: readonly string[]): string | undefined {
  return roots.filter((root) => file.startsWith(root + sep)).sort((a, b) => b.length - a.length)[0];
}

export function samePath(a: string, b: string): boolean {
  return a === b || relative(a, b) === "";
}

/**
 * Each summary with only the KPIs whose file belongs to its workspace (nearest kpi.yaml upwards); a
 * KPI found under another workspace's summary moves to its own workspace's, among the KPIs without
 * a known goal there. A summary that spans nested workspaces (one from an older server or worker)
 * so still shows each KPI once, under the workspace that validates and runs it.
 */
export function groupByWorkspace(loaded: readonly LoadedWorkspace[]): LoadedWorkspace[] {
  const roots = loaded.map((entry) => entry.root);
  const strays = new Map<string, KpiSummary[]>();
  const owns = (root: string) => (kpi: KpiSummary) => {
    const owner = workspaceOf(kpi.file, roots) ?? root;
    if (samePath(owner, root)) return true;
    strays.set(owner, [...(strays.get(owner) ?? []), kpi]);
    return false;
  };
  const kept = loaded.map((entry): LoadedWorkspace => {
    if (!("summary" in entry)) return entry;
    const mine = owns(entry.root);
    const { summary } = entry;
    return {
      root: entry.root,
      summary: {
        ...summary,
        goals: summary.goals.map((goal) => ({ ...goal, kpis: goal.kpis.filter(mine) })),
        unaligned: summary.unaligned.filter(mine),
      },
    };
  });
  return kept.map((entry) => {
    if (!("summary" in entry)) return entry;
    const extra = strays.get(entry.root) ?? [];
    const known = new Set(
      [...entry.summary.goals.flatMap((goal) => goal.kpis), ...entry.summary.unaligned].map(
        (kpi) => kpi.file,
      ),
    );
    const moved = extra.filter((kpi) => !known.has(kpi.file));
    if (moved.length === 0) return entry;
    return {
      root: entry.root,
      summary: { ...entry.summary, unaligned: [...entry.summary.unaligned, ...moved] },
    };
  });
}

/** A workspace's name in the view, the status bar and pickers: its project, else its folder. */
export function workspaceLabel(loaded: LoadedWorkspace): string {
  const project = "summary" in loaded ? loaded.summary.project : undefined;
  return project ?? (loaded.root.split(sep).at(-1) || loaded.root);
}

/** `12 KPIs: 4 on track, 2 at risk` (the statuses with a count), or why the workspace did not load. */
export function describeWorkspace(loaded: LoadedWorkspace): string {
  if (!("summary" in loaded)) return `not loaded: ${loaded.error}`;
  const counts = countStatuses(loaded.summary);
  const total = loaded.summary.goals.reduce(
    (sum, goal) => sum + goal.kpis.length,
    loaded.summary.unaligned.length,
  );
  const statuses = (Object.keys(STATUS_STYLE) as Array<keyof typeof STATUS_STYLE>)
    .filter((status) => counts[status] > 0)
    .map((status) => `${counts[status]} ${STATUS_STYLE[status].label}`);
  return `${total} KPI${total === 1 ? "" : "s"}${statuses.length > 0 ? `: ${statuses.join(", ")}` : ", none run yet"}`;
}
