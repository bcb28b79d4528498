import type { Rule } from "./rule.js";

export const measurabilitySqlError: Rule = {
  id: "measurability/sql-error",
  scope: "workspace",
  defaultSeverity: "error",
  needsSources: true,
  summary:
    "With `--sources`: a measure's `where`, `expr` or raw `sql`, or a source's view, does not compile on its engine (the engine's message, secrets redacted).",
  why: "SQL in a KPI file is only parsed by the database it runs on; the engine compiles it without reading data, so a typo is found in review instead of in the next run.",
  example:
    "measures:\n  paid: { source: warehouse, from: orders, aggregate: count, where: status = 'paid' AND }\n",
  fix: "Correct the SQL for the source's dialect; the message carries the engine's own error.",
  check() {
    // Found by the runner's checkSources, which has the source compile each text.
  },
};
