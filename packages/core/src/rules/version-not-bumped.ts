import type { KpiFile } from "../model/types.js";
import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

/** The fields whose change is a change of the KPI's meaning. */
export const MEANING_FIELDS = [
  "formula",
  "measures",
  "unit",
  "direction",
  "target",
  "thresholds",
  "segments",
] as const;

export const versionNotBumped: Rule = {
  id: "version/not-bumped",
  scope: "file",
  defaultSeverity: "error",
  summary: "(With a git base) the KPI's meaning changed but `version` did not increase.",
  why: "History ties every recorded value to the KPI's version; a silent change of meaning makes old and new values look comparable when they are not.",
  example: "# base: version: 3, formula: activated / signups\nversion: 3\nformula: activated / visits\n",
  fix: "Increase `version` by one.",
  check(context) {
    if (!context.base) return;
    for (const entry of validKpis(context.workspace)) {
      const before = context.base.kpi(entry.id);
      if (!before?.valid) continue;
      const old = before.data as KpiFile;
      if (entry.data.version > old.version) continue;
      const changed = meaningChanges(old, entry.data);
      if (changed.length === 0) continue;
      context.report(
        entry.file,
        { path: ["version"] },
        messages["version/not-bumped"]({ changed, version: entry.data.version }),
      );
    }
  },
};

export function meaningChanges(before: KpiFile, after: KpiFile): string[] {
  return MEANING_FIELDS.filter((field) => canonical(before[field]) !== canonical(after[field]));
}

/** JSON with sorted keys, so key order is not a change of meaning. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, inner: unknown) =>
      inner && typeof inner === "object" && !Array.isArray(inner)
        ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
        : inner,
    ) ?? ""
  );
}
