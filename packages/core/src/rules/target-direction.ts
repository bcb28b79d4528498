import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const targetDirection: Rule = {
  id: "target/direction",
  scope: "file",
  defaultSeverity: "error",
  summary: "baseline -> short_term -> mid_term moves against `direction`.",
  why: "Targets say where the KPI should go; a churn target that rises, or an activation target that falls, contradicts the KPI's own direction.",
  example:
    "direction: decrease\ntarget:\n  short_term: { value: 0.05, by: 2026-12-31 }\n  mid_term: { value: 0.07, by: 2027-06-30 }\n",
  fix: "Order the values in the KPI's direction, or correct `direction`.",
  check(context) {
    for (const entry of validKpis(context.workspace)) {
      const { target, direction } = entry.data;
      const steps = [
        { name: "baseline", value: target?.baseline?.value },
        { name: "short_term", value: target?.short_term?.value },
        { name: "mid_term", value: target?.mid_term?.value },
      ].filter((step): step is { name: string; value: number } => typeof step.value === "number");
      for (let i = 1; i < steps.length; i++) {
        const from = steps[i - 1] as { name: string; value: number };
        const to = steps[i] as { name: string; value: number };
        const against = direction === "increase" ? to.value < from.value : to.value > from.value;
        if (!against) continue;
        context.report(
          entry.file,
          { path: ["target", to.name, "value"] },
          messages["target/direction"]({
            from: from.name,
            to: to.name,
            fromValue: from.value,
            toValue: to.value,
            direction,
          }),
        );
      }
    }
  },
};
