import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

export const idFilename: Rule = {
  id: "id/filename",
  scope: "file",
  defaultSeverity: "warning",
  summary: "A KPI file's name is not `<kpi id>.kpi.yaml`.",
  why: "One KPI per file, named after its id, lets anyone find a KPI's definition from its id and keeps diffs readable.",
  example: "# file activation.kpi.yaml\nkpi: first_week_activation\n",
  fix: "Rename the file to `<id>.kpi.yaml` (or `.kpi.yml`), or change the id.",
  check(context) {
    for (const entry of context.workspace.kpis) {
      if (entry.id === undefined) continue;
      const base = entry.file.slice(entry.file.lastIndexOf("/") + 1);
      if (base === `${entry.id}.kpi.yaml` || base === `${entry.id}.kpi.yml`) continue;
      const expected = `${entry.id}${base.endsWith(".yml") ? ".kpi.yml" : ".kpi.yaml"}`;
      context.report(entry.file, { path: ["kpi"] }, messages["id/filename"]({ id: entry.id, expected }));
    }
  },
};
