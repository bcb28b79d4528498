import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const targetMissing: Rule = {
  id: "target/missing",
  scope: "file",
  defaultSeverity: "warning",
  summary: "No `target`, or it lacks `short_term` or `mid_term` (an error for core KPIs, else a warning).",
  why: "A KPI without a target cannot be on or off track; the method asks for a baseline, a short-term and a mid-term value.",
  example: "core: true\ntarget:\n  short_term: { value: 0.30, by: 2026-12-31 }   # no mid_term\n",
  fix: "Add `target` with `short_term` and `mid_term` (each with `value` and `by`), ideally with a `baseline`.",
  check(context) {
    for (const entry of validKpis(context.workspace)) {
      const target = entry.data.target;
      const missing = target
        ? (["short_term", "mid_term"] as const).filter((field) => !target[field])
        : ["target"];
      if (missing.length === 0) continue;
      const core = entry.data.core === true;
      context.report(
        entry.file,
        target ? { path: ["target"], target: "key" } : { path: ["kpi"], target: "key" },
        messages["target/missing"]({ missing, core }),
        core ? "error" : undefined,
      );
    }
  },
};
