import type { Cadence, KpiFile, Workspace } from "@kpi-as-code/core";

/** One leading → lagging pair of a goal, analysed at the lagging KPI's cadence. */
export interface LeadLagPair {
  goal: string;
  leading: string;
  lagging: string;
  cadence: Cadence;
}

/** Why a goal yields no pair: it lacks a leading or a lagging KPI. */
export interface GoalWithoutPair {
  goal: string;
  missing: "leading" | "lagging";
}

const CADENCES: readonly Cadence[] = ["daily", "weekly", "monthly", "quarterly"];

/**
 * Every leading → lagging pair of every goal (in goal order, then KPI id order). Goals that have
 * KPIs of one kind only are listed apart, so the output can say why they have no verdict.
 */
export function leadLagPairs(workspace: Workspace): { pairs: LeadLagPair[]; unpaired: GoalWithoutPair[] } {
  const byGoal = new Map<string, { leading: string[]; lagging: Map<string, Cadence> }>();
  for (const entry of workspace.kpis) {
    const data = entry.data as Partial<KpiFile>;
    if (!entry.id || typeof data.goal !== "string" || workspace.kpi(entry.id) !== entry) continue;
    let goal = byGoal.get(data.goal);
    if (!goal) {
      goal = { leading: [], lagging: new Map() };
      byGoal.set(data.goal, goal);
    }
    if (data.indicator === "leading") goal.leading.push(entry.id);
    if (data.indicator === "lagging") {
      goal.lagging.set(
        entry.id,
        CADENCES.includes(data.cadence as Cadence) ? (data.cadence as Cadence) : "monthly",
      );
    }
  }
  const pairs: LeadLagPair[] = [];
  const unpaired: GoalWithoutPair[] = [];
  for (const goal of [...byGoal.keys()].sort()) {
    const { leading, lagging } = byGoal.get(goal) as { leading: string[]; lagging: Map<string, Cadence> };
    if (leading.length === 0 || lagging.size === 0) {
      unpaired.push({ goal, missing: leading.length === 0 ? "leading" : "lagging" });
      continue;
    }
    for (const lead of leading.sort()) {
      for (const [lag, cadence] of [...lagging].sort(([a], [b]) => a.localeCompare(b))) {
        pairs.push({ goal, leading: lead, lagging: lag, cadence });
      }
    }
  }
  return { pairs, unpaired };
}
