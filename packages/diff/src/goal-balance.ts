import { asRecord, type Indicator, type Workspace } from "@kpi-as-code/core";
import type { Risk } from "./types.js";

/** What the balance check needs of a KPI: the goal it aligns to and whether it leads or lags. */
export interface AlignmentFacts {
  goal?: unknown;
  indicator?: unknown;
}

const INDICATORS: readonly Indicator[] = ["leading", "lagging"];

/**
 * Goals that had a leading (or lagging) KPI at the base and have none at the head, e.g. because
 * their only lagging KPI was removed or moved to another goal. `unchanged` gives the facts of KPIs
 * outside both workspaces (files identical at both revisions, left unparsed); it is only called
 * when some goal may have lost an indicator.
 */
export function unbalancedGoals(
  base: Workspace,
  head: Workspace,
  unchanged: () => Iterable<AlignmentFacts> = () => [],
): Map<string, Risk> {
  const risks = new Map<string, Risk>();
  if (head.project?.data.policy?.balance === "off") return risks;
  const headGoals = asRecord(head.project?.data.goals);
  const before = indicatorsByGoal(base.kpis.map((entry) => entry.data));
  const after = indicatorsByGoal(head.kpis.map((entry) => entry.data));
  const lost = (goal: string, indicator: Indicator) =>
    Object.hasOwn(headGoals, goal) && before.get(goal)?.has(indicator) && !after.get(goal)?.has(indicator);
  const candidates = [...before.keys()].filter((goal) =>
    INDICATORS.some((indicator) => lost(goal, indicator)),
  );
  if (candidates.length === 0) return risks;
  const untouched = indicatorsByGoal(unchanged());
  for (const goal of candidates.sort()) {
    const missing = INDICATORS.filter(
      (indicator) => lost(goal, indicator) && !untouched.get(goal)?.has(indicator),
    );
    if (missing.length === 0) continue;
    risks.set(goal, {
      id: "goal-unbalanced",
      description: `goal ${goal} left without a ${missing.join(" or ")} KPI`,
    });
  }
  return risks;
}

function indicatorsByGoal(kpis: Iterable<AlignmentFacts>): Map<string, Set<unknown>> {
  const byGoal = new Map<string, Set<unknown>>();
  for (const kpi of kpis) {
    if (typeof kpi.goal !== "string") continue;
    const set = byGoal.get(kpi.goal) ?? new Set();
    set.add(kpi.indicator);
    byGoal.set(kpi.goal, set);
  }
  return byGoal;
}
