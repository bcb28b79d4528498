import type { KpiEntry, Workspace } from "../model/workspace.js";
import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const balanceLeadingLagging: Rule = {
  id: "balance/leading-lagging",
  scope: "workspace",
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
    if (mode === "workspace") {
      const missing = missingIndicator(validKpis(workspace));
      if (missing) {
        context.report(
          project.file,
          { path: ["project"], target: "key" },
          messages["balance/leading-lagging"]({ scope: "the workspace", missing }),
        );
      }
      return;
    }
    const indicators = indicatorsByGoal(workspace);
    for (const goal of Object.keys(workspace.goals)) {
      const found = indicators.get(goal);
      const missing = found === undefined ? undefined : missingOf(found);
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
  const indicators = new Set(kpis.map((entry) => entry.data.indicator));
  if (!indicators.has("leading")) return "leading";
  if (!indicators.has("lagging")) return "lagging";
  return undefined;
}

function missingOf(found: number): "leading" | "lagging" | undefined {
  if (!(found & LEADING)) return "leading";
  if (!(found & LAGGING)) return "lagging";
  return undefined;
}

const LEADING = 1;
const LAGGING = 2;
const OTHER = 4;

/**
 * Which indicators the valid KPIs of each goal have, as bits: one pass without a list or set per
 * KPI, since this rule reruns on every edit in an editor.
 */
function indicatorsByGoal(workspace: Workspace): Map<unknown, number> {
  const byGoal = new Map<unknown, number>();
  for (const entry of workspace.kpis) {
    if (!entry.valid || entry.id === undefined) continue;
    const { indicator, goal } = entry.data;
    const bit = indicator === "leading" ? LEADING : indicator === "lagging" ? LAGGING : OTHER;
    byGoal.set(goal, (byGoal.get(goal) ?? 0) | bit);
  }
  return byGoal;
}
