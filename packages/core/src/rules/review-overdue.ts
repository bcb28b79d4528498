import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const reviewOverdue: Rule = {
  id: "review/overdue",
  scope: "file",
  defaultSeverity: "warning",
  summary: "`review.next` is before today.",
  why: "KPIs are reviewed on a cadence; a review date in the past means the KPI drifted out of the team's attention.",
  example: "review: { every: month, next: 2025-01-15 }\n",
  fix: "Hold the review, then set `review.next` to the next date of its cadence.",
  check(context) {
    for (const entry of validKpis(context.workspace)) {
      const date = entry.data.review?.next;
      if (!date || date >= context.today) continue;
      context.report(
        entry.file,
        { path: ["review", "next"] },
        messages["review/overdue"]({ date, today: context.today }),
      );
    }
  },
};
