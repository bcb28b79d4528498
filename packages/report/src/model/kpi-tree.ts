import type { KpiEntry, Workspace } from "@kpi-as-code/core";
import type { Status } from "@kpi-as-code/runner";
import type { TreeNode } from "./types.js";

/**
 * goal -> KPIs aligned to it -> KPIs their formulas reference, recursively (ltv -> arpu,
 * churn_rate). A KPI already on the branch (a reference cycle, which validation reports) is
 * shown once more, marked repeated, and not expanded again.
 */
export function kpiTree(
  workspace: Workspace,
  goalIds: readonly string[],
  statusOf: (kpi: string) => Status | null,
): TreeNode[] {
  const kpis = uniqueKpis(workspace);
  const kpiNode = (entry: KpiEntry, branch: ReadonlySet<string>): TreeNode => {
    const id = entry.id as string;
    const node: TreeNode = { kind: "kpi", id, label: labelOf(entry), status: statusOf(id), children: [] };
    if (branch.has(id)) return { ...node, repeated: true };
    const nextBranch = new Set(branch).add(id);
    for (const referenced of referencedKpis(workspace, entry)) {
      const child = workspace.kpi(referenced);
      if (child) node.children.push(kpiNode(child, nextBranch));
    }
    return node;
  };
  const goals = goalIds.map(
    (goal): TreeNode => ({
      kind: "goal",
      id: goal,
      label: goal,
      status: null,
      children: kpis.filter((entry) => entry.data.goal === goal).map((entry) => kpiNode(entry, new Set())),
    }),
  );
  const unaligned = kpis
    .filter((entry) => typeof entry.data.goal !== "string" || !goalIds.includes(entry.data.goal))
    .map((entry) => kpiNode(entry, new Set()));
  return [...goals, ...unaligned];
}

/** The KPI ids a KPI's formula names, in the order they are written, each once. */
export function referencedKpis(workspace: Workspace, entry: KpiEntry): string[] {
  const references = workspace
    .symbolsIn(entry.file)
    .filter((symbol) => symbol.kind === "kpi" && symbol.location.path[0] === "formula")
    .sort((a, b) => (a.location.inner?.start ?? 0) - (b.location.inner?.start ?? 0));
  return [...new Set(references.map((symbol) => symbol.id))];
}

/** One entry per KPI id (a duplicated id is a validation error; the first file wins), sorted by id. */
export function uniqueKpis(workspace: Workspace): KpiEntry[] {
  const seen = new Set<string>();
  const entries: KpiEntry[] = [];
  for (const entry of workspace.kpis) {
    if (entry.id === undefined || seen.has(entry.id)) continue;
    seen.add(entry.id);
    entries.push(entry);
  }
  return entries.sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
}

function labelOf(entry: KpiEntry): string {
  return typeof entry.data.name === "string" ? entry.data.name : (entry.id as string);
}
