import type { Workspace } from "@kpi-as-code/core";
import { diffKpis } from "./diff-kpis.js";
import { diffEntries, projectFieldChanges } from "./diff-project.js";
import { type AlignmentFacts, unbalancedGoals } from "./goal-balance.js";
import type { DiffSummary, EntryDiff, KpiDiff, RiskId, WorkspaceDiff } from "./types.js";

export interface DiffLabels {
  /** The base revision as the user named it. */
  base: string;
  /** The head revision as the user named it, or "working tree". */
  head: string;
}

/**
 * The semantic diff of two workspaces. The workspaces may hold only the KPI files that differ
 * (see diffSourceFiles); `unchanged` then gives the goal and indicator of the others, for the
 * balance check.
 */
export function diffWorkspaces(
  base: Workspace,
  head: Workspace,
  labels: DiffLabels,
  unchanged?: () => Iterable<AlignmentFacts>,
): WorkspaceDiff {
  const kpis = diffKpis(base, head);
  const goals = withBalanceRisks(
    diffEntries("goals", base.project?.data, head.project?.data),
    unbalancedGoals(base, head, unchanged),
  );
  const owners = diffEntries("owners", base.project?.data, head.project?.data);
  const sources = diffEntries("sources", base.project?.data, head.project?.data);
  return {
    base: labels.base,
    head: labels.head,
    kpis,
    goals,
    owners,
    sources,
    project: projectFieldChanges(base.project?.data, head.project?.data),
    summary: summarize(kpis, goals, owners, sources),
  };
}

/** A goal that lost its balance is listed even when its own definition did not change. */
function withBalanceRisks(goals: EntryDiff[], risks: Map<string, EntryDiff["risks"][number]>): EntryDiff[] {
  const result = goals.map((goal) => {
    const risk = risks.get(goal.id);
    return risk ? { ...goal, risks: [...goal.risks, risk] } : goal;
  });
  for (const [id, risk] of risks) {
    if (!goals.some((goal) => goal.id === id))
      result.push({ id, change: "changed", fields: [], risks: [risk] });
  }
  return result.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function summarize(
  kpis: KpiDiff[],
  goals: EntryDiff[],
  owners: EntryDiff[],
  sources: EntryDiff[],
): DiffSummary {
  const counts = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const kpi of kpis) counts[kpi.change] += 1;
  const risks: Partial<Record<RiskId, number>> = {};
  for (const risk of [...kpis, ...goals].flatMap((item) => item.risks)) {
    risks[risk.id] = (risks[risk.id] ?? 0) + 1;
  }
  return { kpis: counts, goals: goals.length, owners: owners.length, sources: sources.length, risks };
}
