import { messages } from "./messages.js";
import { closestMatch, type Rule } from "./rule.js";

export const measurabilityUnknownReference: Rule = {
  id: "measurability/unknown-reference",
  defaultSeverity: "error",
  summary: "A formula identifier is neither a measure of this KPI nor a KPI id.",
  why: "Every term of a formula must be computable from a named data source; an unknown name means the KPI cannot be measured.",
  example: "formula: activated / signup   # the measure is called signups\n",
  fix: "Use the id of a measure declared under `measures`, or of another KPI; or declare the missing measure.",
  check(context) {
    const workspace = context.workspace;
    const kpiIds = workspace.kpis.flatMap((entry) => (entry.id === undefined ? [] : [entry.id]));
    for (const entry of workspace.kpis) {
      if (entry.id === undefined) continue;
      const measureIds = Object.keys(entry.data.measures ?? {});
      for (const symbol of workspace.symbolsIn(entry.file)) {
        if (symbol.kind !== "kpi" || symbol.location.path[0] !== "formula") continue;
        if (workspace.kpisWithId(symbol.id).length > 0) continue;
        const suggestion = closestMatch(symbol.id, [...measureIds, ...kpiIds]);
        context.report(
          entry.file,
          symbol.location,
          messages["measurability/unknown-reference"]({ name: symbol.id, suggestion }),
        );
      }
    }
  },
};
