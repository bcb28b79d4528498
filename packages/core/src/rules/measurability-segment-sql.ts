import { isSqlMeasure } from "../model/types.js";
import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const measurabilitySegmentSql: Rule = {
  id: "measurability/segment-sql",
  scope: "file",
  defaultSeverity: "error",
  summary: "A KPI with `segments` has a raw `sql` measure.",
  why: "Breakdowns are computed by grouping each measure by the segment columns; raw SQL returns one number and cannot be grouped.",
  example:
    "segments: [channel]\nmeasures:\n  revenue: { source: warehouse, sql: select sum(amount) from orders }\n",
  fix: "Rewrite the measure as a structured measure (`from`, `aggregate`, `column`, `where`), or drop `segments`.",
  check(context) {
    for (const entry of validKpis(context.workspace)) {
      if (!entry.data.segments?.length) continue;
      for (const [measure, definition] of Object.entries(entry.data.measures ?? {})) {
        if (!isSqlMeasure(definition)) continue;
        context.report(
          entry.file,
          { path: ["measures", measure, "sql"], target: "key" },
          messages["measurability/segment-sql"]({ measure }),
        );
      }
    }
  },
};
