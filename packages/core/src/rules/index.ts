export { RULE_IDS, type RuleId } from "../registry/rule-ids.js";
export { RULES } from "./all-rules.js";
export { findKpiCycles } from "./measurability-reference-cycle.js";
export { unitRange } from "./measurability-unit-range.js";
export { messages } from "./messages.js";
export { type At, closestMatch, type Rule, type RuleContext, validKpis } from "./rule.js";
export { collectFindings, type Finding, runRule, severityOverrides, todayDate } from "./run-rules.js";
export { MEANING_FIELDS, meaningChanges } from "./version-not-bumped.js";
export { looksLikeOneSelect, viewsNamedIn } from "./view-sql.js";
