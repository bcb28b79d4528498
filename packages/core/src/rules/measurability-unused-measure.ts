import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

export const measurabilityUnusedMeasure: Rule = {
  id: "measurability/unused-measure",
  scope: "file",
  defaultSeverity: "warning",
  summary: "A measure the formula never uses.",
  why: "A measure outside the formula is computed for nothing and misleads readers about what the KPI means.",
  example:
    "formula: activated / signups\nmeasures:\n  visits: { source: app, from: visits, aggregate: count }   # unused\n",
  fix: "Use the measure in the formula or delete it.",
  check(context) {
    const workspace = context.workspace;
    for (const entry of workspace.kpis) {
      if (entry.id === undefined || !entry.formula?.ok) continue;
      for (const measure of Object.keys(entry.data.measures ?? {})) {
        if (workspace.references("measure", measure, entry.id).length > 0) continue;
        context.report(
          entry.file,
          { path: ["measures", measure], target: "key" },
          messages["measurability/unused-measure"]({ measure }),
        );
      }
    }
  },
};
