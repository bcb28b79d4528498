import { AGGREGATES, isAggregate } from "../registry/aggregates.js";
import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const vanityRawCount: Rule = {
  id: "vanity/raw-count",
  scope: "file",
  defaultSeverity: "warning",
  summary: "A core KPI with unit `count` whose formula is one bare `count` or `count_distinct` measure.",
  why: "Raw volumes (page views, sign-ups, downloads) can rise while the business does not: vanity metrics. Core KPIs should be rates, ratios or values.",
  example:
    "core: true\nunit: count\nformula: signups\nmeasures:\n  signups: { source: app, from: users, aggregate: count }\n",
  fix: "Relate the volume to something: a conversion rate, a share of active users, revenue per customer; or make the KPI non-core.",
  check(context) {
    for (const entry of validKpis(context.workspace)) {
      if (entry.data.core !== true || entry.data.unit !== "count" || !entry.formula?.ok) continue;
      const ast = entry.formula.ast;
      if (ast.kind !== "identifier") continue;
      const measure = entry.data.measures?.[ast.name];
      if (!measure || !("aggregate" in measure)) continue;
      if (!isAggregate(measure.aggregate) || !AGGREGATES[measure.aggregate].counts) continue;
      context.report(entry.file, { path: ["formula"] }, messages["vanity/raw-count"]({ measure: ast.name }));
    }
  },
};
