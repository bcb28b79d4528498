import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const thresholdsOrder: Rule = {
  id: "thresholds/order",
  scope: "file",
  defaultSeverity: "error",
  summary:
    "Thresholds contradict `direction` (increase needs critical < warning; decrease needs critical > warning).",
  why: "Critical is worse than warning: on an increasing KPI it lies below, on a decreasing one above. Inverted thresholds never alert.",
  example: "direction: increase\nthresholds: { warning: 0.22, critical: 0.27 }\n",
  fix: "Swap the two values, or correct `direction`.",
  check(context) {
    for (const entry of validKpis(context.workspace)) {
      const { thresholds, direction } = entry.data;
      const warning = thresholds?.warning;
      const critical = thresholds?.critical;
      if (typeof warning !== "number" || typeof critical !== "number") continue;
      const ordered = direction === "increase" ? critical < warning : critical > warning;
      if (ordered) continue;
      context.report(
        entry.file,
        { path: ["thresholds", "critical"] },
        messages["thresholds/order"]({
          direction,
          warning,
          critical,
          expected: direction === "increase" ? "below" : "above",
        }),
      );
    }
  },
};
