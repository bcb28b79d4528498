import type { KpiEntry } from "../model/workspace.js";
import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const balanceLeadingLagging: Rule = {
  id: "balance/leading-lagging",
  defaultSeverity: "warning",
  summary:
    "A goal (or, with `balance: workspace`, the workspace) has KPIs but not both a leading and a lagging one.",
  why: "Lagging indicators tell you whether the goal was met, too late to act; leading ones tell you early enough. A goal needs both.",
  example: "# every KPI with goal: grow_active_customers says\nindicator: lagging\n",
  fix: "Add a leading KPI that predicts the outcome (e.g. activation for retention), or a lagging one that measures it.",
  check(context) {
    const { workspace } = context;
    const project = workspace.project;
    const mode = project?.data.policy?.balance ?? "per_goal";
    if (!project || mode === "off") return;
    const kpis = validKpis(workspace);
    if (mode === "workspace") {
      const missing = missingIndicator(kpis);
      if (missing) {
        context.report(
          project.file,
          { path: ["project"], target: "key" },
          messages["balance/leading-lagging"]({ scope: "the workspace", missing }),
        );
      }
      return;
    }
    // One pass over the KPIs, not one per goal: which indicators each goal has.
    const byGoal = new Map<unknown, Set<unknown>>();
    for (const entry of kpis) {
      const indicators = byGoal.get(entry.data.goal);
      if (indicators) indicators.add(entry.data.indicator);
      else byGoal.set(entry.data.goal, new Set([entry.data.indicator]));
    }
    for (const goal of Object.keys(workspace.goals)) {
      const indicators = byGoal.get(goal);
      const missing = indicators && missingOf(indicators);
      if (!missing) continue;
      context.report(
        project.file,
        { path: ["goals", goal], target: "key" },
        messages["balance/leading-lagging"]({ scope: `goal "${goal}"`, missing }),
      );
    }
  },
};

function missingIndicator(kpis: KpiEntry[]): "leading" | "lagging" | undefined {
  if (kpis.length === 0) return undefined;
  return missingOf(new Set(kpis.map((entry) => entry.data.indicator)));
}

function missingOf(indicators: ReadonlySet<unknown>): "leading" | "lagging" | undefined {
  if (!indicators.has("leading")) return "leading";
  if (!indicators.has("lagging")) return "lagging";
  return undefined;
}
