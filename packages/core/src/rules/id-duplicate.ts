import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

export const idDuplicate: Rule = {
  id: "id/duplicate",
  scope: "workspace",
  defaultSeverity: "error",
  summary: "Two KPIs (or two goals, owners, sources) share an id.",
  why: "Ids are how formulas, history and reviews refer to a KPI; two KPIs with one id make every reference ambiguous.",
  example: "# signups.kpi.yaml and old/signups.kpi.yaml both say\nkpi: signups\n",
  fix: "Rename one of them (and its file), or delete the stale copy.",
  check(context) {
    for (const id of context.workspace.duplicatedKpiIds()) {
      const twins = context.workspace.kpisWithId(id);
      for (const twin of twins) {
        const other = twins.find((candidate) => candidate !== twin)?.file ?? "";
        context.report(twin.file, { path: ["kpi"] }, messages["id/duplicate"]({ kind: "KPI", id, other }));
      }
    }
    const project = context.workspace.project;
    for (const problem of project?.duplicateIds ?? []) {
      context.report(
        project?.file ?? "",
        { span: problem.span },
        messages["id/duplicate"]({ kind: problem.kind, id: problem.id, other: project?.file ?? "" }),
      );
    }
  },
};
