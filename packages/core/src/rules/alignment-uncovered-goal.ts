import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

export const alignmentUncoveredGoal: Rule = {
  id: "alignment/uncovered-goal",
  scope: "workspace",
  defaultSeverity: "warning",
  summary: "A goal has no KPI aligned to it (reported on the goal in `kpi.yaml`).",
  why: "A goal nobody measures cannot be steered: you will only learn at the end of the period whether it was met.",
  example:
    "goals:\n  reduce_churn:\n    statement: Keep monthly churn under 5%   # no KPI has goal: reduce_churn\n",
  fix: "Add a KPI with `goal: <this goal>`, or remove the goal if it is no longer pursued.",
  check(context) {
    const project = context.workspace.project;
    if (!project) return;
    for (const goal of Object.keys(context.workspace.goals)) {
      if (context.workspace.references("goal", goal).length > 0) continue;
      context.report(
        project.file,
        { path: ["goals", goal], target: "key" },
        messages["alignment/uncovered-goal"]({ goal }),
      );
    }
  },
};
