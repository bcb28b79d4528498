import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const targetOverdue: Rule = {
  id: "target/overdue",
  scope: "file",
  defaultSeverity: "warning",
  summary: "A target's `by` date is before today.",
  why: "A target whose date has passed no longer steers anything; the method reviews and resets targets on a cadence.",
  example: "target:\n  short_term: { value: 0.30, by: 2025-12-31 }   # in the past\n",
  fix: "Record the outcome, then move the target forward: the old mid-term often becomes the new short-term.",
  check(context) {
    for (const entry of validKpis(context.workspace)) {
      for (const field of ["short_term", "mid_term"] as const) {
        const date = entry.data.target?.[field]?.by;
        if (!date || date >= context.today) continue;
        context.report(
          entry.file,
          { path: ["target", field, "by"] },
          messages["target/overdue"]({ field, date, today: context.today }),
        );
      }
    }
  },
};
