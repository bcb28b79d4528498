import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

export const measurabilityPreviousArity: Rule = {
  id: "measurability/previous-arity",
  scope: "file",
  defaultSeverity: "error",
  summary:
    "A `previous` call in the formula has the wrong arguments: none, more than two, or a count that is not an integer literal from 1 to 366 (nested calls add up, to at most 366).",
  why: "`previous(x, n)` reads `x` for the period n periods back; without an expression, or with a count that is not a whole number of periods in range, there is no earlier period to read and the KPI cannot be computed.",
  example: "formula: revenue / previous(revenue, 0) - 1\n",
  fix: "Write `previous(x)` for the period just before, or `previous(x, n)` with n an integer from 1 to 366 (`previous(revenue, 12)`: a monthly KPI a year ago).",
  check(context) {
    for (const entry of context.workspace.kpis) {
      const formula = entry.formula;
      if (!formula || formula.ok || formula.error.rule !== "measurability/previous-arity") continue;
      context.report(
        entry.file,
        { path: ["formula"], inner: formula.error.span },
        messages["measurability/previous-arity"]({ detail: formula.error.message }),
      );
    }
  },
};
