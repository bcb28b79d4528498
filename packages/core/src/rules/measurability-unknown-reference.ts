import { messages } from "./messages.js";
import { closestMatch, type Rule } from "./rule.js";

export const measurabilityUnknownReference: Rule = {
  id: "measurability/unknown-reference",
  scope: "workspace",
  defaultSeverity: "error",
  summary:
    "A formula identifier is neither a measure of this KPI nor a KPI id, or a funnel step names no KPI.",
  why: "Every term of a formula must be computable from a named data source; an unknown name means the KPI cannot be measured.",
  example: "formula: activated / signup   # the measure is called signups\n",
  fix: "Use the id of a measure declared under `measures`, or of another KPI; or declare the missing measure.",
  check(context) {
    const workspace = context.workspace;
    // Every KPI-kind reference is a formula identifier of a KPI with an id; the list of every id is
    // built only for the rare unknown one, to suggest a near match.
    let kpiIds: string[] | undefined;
    for (const references of workspace.referencesOfKind("kpi")) {
      const name = references[0]?.id;
      if (name === undefined || workspace.kpisWithId(name).length > 0) continue;
      for (const reference of references) {
        const file = reference.location.file;
        const entry = workspace.kpiInFile(file);
        // A funnel step in kpi.yaml names a KPI only; a formula identifier may also name a measure.
        const inProject = entry === undefined && file === workspace.project?.file;
        if (entry?.id === undefined && !inProject) continue;
        kpiIds ??= workspace.kpis.flatMap((kpi) => (kpi.id === undefined ? [] : [kpi.id]));
        const measureIds = Object.keys(entry?.data.measures ?? {});
        const suggestion = closestMatch(name, [...measureIds, ...kpiIds]);
        context.report(
          file,
          reference.location,
          messages["measurability/unknown-reference"]({ name, suggestion }),
        );
      }
    }
  },
};
