import { messages } from "./messages.js";
import { closestMatch, projectIsReadable, type Rule } from "./rule.js";

export const measurabilityUnknownSource: Rule = {
  id: "measurability/unknown-source",
  scope: "workspace",
  defaultSeverity: "error",
  summary: "A measure's `source` is not declared in `kpi.yaml`.",
  why: "A measurable KPI names where its data comes from; an undeclared source cannot be connected to or audited.",
  example:
    "measures:\n  signups: { source: warehouse, from: users, aggregate: count }   # no source 'warehouse'\n",
  fix: "Use the id of a source declared under `sources` in kpi.yaml, or declare it there.",
  check(context) {
    if (!projectIsReadable(context.workspace)) return;
    const sources = Object.keys(context.workspace.sources);
    for (const source of new Set(context.workspace.referencedIds("source"))) {
      if (sources.includes(source)) continue;
      const suggestion = closestMatch(source, sources);
      for (const reference of context.workspace.references("source", source)) {
        context.report(
          reference.location.file,
          reference.location,
          messages["measurability/unknown-source"]({ source, suggestion }),
        );
      }
    }
  },
};
