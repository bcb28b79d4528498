import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const actionableNoActionPlan: Rule = {
  id: "actionable/no-action-plan",
  scope: "file",
  defaultSeverity: "warning",
  summary: "A core KPI has no `action_plan`.",
  why: "A KPI is worth watching only if someone knows what to do when it goes red; the action plan is that decision made in advance.",
  example: "core: true\n# no action_plan\n",
  fix: "Add `action_plan` with at least one `hypothesis` (and how to test it as an `experiment`).",
  check(context) {
    for (const entry of validKpis(context.workspace)) {
      if (entry.data.core !== true || (entry.data.action_plan?.length ?? 0) > 0) continue;
      context.report(
        entry.file,
        { path: ["core"], target: "key" },
        messages["actionable/no-action-plan"]({ kpi: entry.id }),
      );
    }
  },
};
