import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

export const focusCoreCount: Rule = {
  id: "focus/core-count",
  scope: "workspace",
  defaultSeverity: "warning",
  summary: "The number of core KPIs lies outside `policy.core_kpis` (default 3 to 7).",
  why: "Focus: with fewer than three core KPIs the business is under-watched, with more than seven nobody can keep them in mind.",
  example: "# twelve KPI files say\ncore: true\n",
  fix: "Mark only the few KPIs that decide whether the goals are met as `core: true`, or adjust `policy.core_kpis`.",
  check(context) {
    const project = context.workspace.project;
    if (!project) return;
    const policy = project.data.policy?.core_kpis;
    const min = policy?.min ?? 3;
    const max = policy?.max ?? 7;
    // A file with a schema error elsewhere still says whether it is core: count what can be read,
    // and say how many files could not be read at all.
    const kpis = context.workspace.kpis;
    const count = kpis.filter((entry) => entry.parsed.valueIsSound && entry.data.core === true).length;
    const unread = kpis.filter((entry) => !entry.parsed.valueIsSound).length;
    if (count >= min && count <= max) return;
    const at = policy
      ? { path: ["policy", "core_kpis"], target: "key" as const }
      : { path: ["project"], target: "key" as const };
    context.report(project.file, at, messages["focus/core-count"]({ count, min, max, unread }));
  },
};
