import type { Rule } from "./rule.js";

export const measurabilityUnknownColumn: Rule = {
  id: "measurability/unknown-column",
  scope: "workspace",
  defaultSeverity: "error",
  needsSources: true,
  summary:
    "With `--sources`: a column a measure or segment names (`column`, `time`, `active`, `duration`, `segments`) is not in the table or view its `from` reads.",
  why: "A misspelt column fails the KPI on its next run, perhaps in the scheduled job that was meant to alert someone; the database knows its columns without reading a row.",
  example:
    "measures:\n  signups: { source: warehouse, from: users, aggregate: count, time: signup_at }   # the column is signed_up_at\n",
  fix: "Name a column the table or view returns (the message suggests the closest), or add it to the view.",
  check() {
    // Found by the runner's checkSources, which asks the source for the table's columns.
  },
};
