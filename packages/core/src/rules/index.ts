export { RULES } from "./all-rules.js";

export { RULE_IDS, type RuleId } from "./ids.js";
export {
  FILE_LOCAL_RULES,
  IncrementalValidation,
  type IncrementalValidationOptions,
} from "./incremental-validation.js";
export { findKpiCycles } from "./measurability-reference-cycle.js";
export { unitRange } from "./measurability-unit-range.js";
export { messages } from "./messages.js";
export { type At, closestMatch, type Rule, type RuleContext, validKpis } from "./rule.js";
export { MEANING_FIELDS, meaningChanges } from "./version-not-bumped.js";
