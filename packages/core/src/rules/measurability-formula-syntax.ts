import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

export const measurabilityFormulaSyntax: Rule = {
  id: "measurability/formula-syntax",
  scope: "file",
  defaultSeverity: "error",
  summary: "The formula does not parse.",
  why: "A KPI is measurable only if its formula can be computed; a formula that does not parse is a definition nobody can check.",
  example: "formula: activated / (signups\n",
  fix: "Use numbers, measure and KPI ids, `+ - * /`, parentheses and `min`, `max`, `abs` and `previous`.",
  check(context) {
    for (const entry of context.workspace.kpis) {
      const formula = entry.formula;
      // A `previous` call with the wrong arguments is its own rule's (measurability/previous-arity).
      if (!formula || formula.ok || formula.error.rule !== undefined) continue;
      context.report(
        entry.file,
        { path: ["formula"], inner: formula.error.span },
        messages["measurability/formula-syntax"]({ detail: formula.error.message }),
      );
    }
  },
};
