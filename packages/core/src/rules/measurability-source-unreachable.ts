import type { Rule } from "./rule.js";

export const measurabilitySourceUnreachable: Rule = {
  id: "measurability/source-unreachable",
  scope: "workspace",
  defaultSeverity: "error",
  needsSources: true,
  summary:
    "With `--sources`: a source cannot be connected to (server down, wrong URL or password, missing file or environment variable); its KPIs are not checked further.",
  why: "A KPI whose source cannot be reached has no value; saying so once at the source, instead of once per measure, points at the one thing to fix.",
  example:
    'sources:\n  warehouse: { type: postgres, url: "postgres://kpi@db.internal:5999/warehouse" }   # nothing listens there\n',
  fix: "Check the source's `url` or `path`, the variables it names and that the server runs and accepts this role; keep secrets in environment variables (`env:` references).",
  check() {
    // Found by the runner's checkSources, which connects to each source.
  },
};
