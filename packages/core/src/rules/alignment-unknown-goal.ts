import { messages } from "./messages.js";
import { closestMatch, projectIsReadable, type Rule } from "./rule.js";

export const alignmentUnknownGoal: Rule = {
  id: "alignment/unknown-goal",
  scope: "file",
  defaultSeverity: "error",
  summary: "`goal` (of a KPI or a funnel) names no goal of `kpi.yaml`.",
  why: "Every KPI must be aligned to a business goal; a KPI aligned to nothing measures activity, not progress.",
  example: "goal: grow_actve_customers   # typo: no such goal in kpi.yaml\n",
  fix: "Use the id of a goal declared under `goals` in kpi.yaml, or declare the goal there.",
  check(context) {
    if (!projectIsReadable(context.workspace)) return;
    const goals = Object.keys(context.workspace.goals);
    for (const entry of context.workspace.kpis) {
      const goal = entry.data.goal;
      if (typeof goal !== "string" || goals.includes(goal)) continue;
      const suggestion = closestMatch(goal, goals);
      context.report(
        entry.file,
        { path: ["goal"] },
        messages["alignment/unknown-goal"]({ goal, suggestion }),
      );
    }
    // A funnel's optional goal (spec 5.5), reported in kpi.yaml.
    const project = context.workspace.project;
    if (!project?.valid) return;
    for (const [funnelId, funnel] of Object.entries(project.data.funnels ?? {})) {
      if (funnel.goal === undefined || goals.includes(funnel.goal)) continue;
      context.report(
        project.file,
        { path: ["funnels", funnelId, "goal"] },
        messages["alignment/unknown-goal"]({
          goal: funnel.goal,
          suggestion: closestMatch(funnel.goal, goals),
        }),
      );
    }
  },
};
