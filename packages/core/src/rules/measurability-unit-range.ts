import type { KpiFile } from "../model/types.js";
import type { Path } from "../parse/parsed-file.js";
import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const measurabilityUnitRange: Rule = {
  id: "measurability/unit-range",
  scope: "file",
  defaultSeverity: "error",
  summary: "A target, threshold or benchmark value lies outside the unit's range.",
  why: "A ratio of 30 or a negative count is a unit mistake; the KPI would never reach (or always meet) such a target.",
  example:
    "unit: ratio\ntarget:\n  short_term: { value: 30, by: 2026-12-31 }   # a ratio lies in 0..1: 0.30\n",
  fix: "Express the value in the KPI's unit (ratio 0..1, percent 0..100, count/currency/duration >= 0, score within `range`), or change the unit.",
  check(context) {
    for (const entry of validKpis(context.workspace)) {
      const range = unitRange(entry.data);
      if (!range) continue;
      for (const [field, path, value] of targetValues(entry.data)) {
        if (value >= range[0] && value <= range[1]) continue;
        context.report(
          entry.file,
          { path },
          messages["measurability/unit-range"]({
            field,
            value,
            unit: entry.data.unit ?? "",
            range: `${range[0]}..${Number.isFinite(range[1]) ? range[1] : ""}`,
          }),
        );
      }
    }
  },
};

/** The bounds of a unit; undefined when the unit allows any value. */
export function unitRange(kpi: Pick<KpiFile, "unit" | "range">): [number, number] | undefined {
  switch (kpi.unit) {
    case "ratio":
      return [0, 1];
    case "percent":
      return [0, 100];
    case "count":
    case "currency":
    case "duration":
      return [0, Number.POSITIVE_INFINITY];
    case "score":
      return kpi.range ? [Math.min(...kpi.range), Math.max(...kpi.range)] : undefined;
    default:
      return undefined;
  }
}

/** Every target, threshold and benchmark value with its name and path. */
export function targetValues(kpi: KpiFile): [string, Path, number][] {
  const values: [string, Path, number][] = [];
  const add = (field: string, path: Path, value: number | undefined) => {
    if (typeof value === "number") values.push([field, path, value]);
  };
  add("baseline", ["target", "baseline", "value"], kpi.target?.baseline?.value);
  add("short-term target", ["target", "short_term", "value"], kpi.target?.short_term?.value);
  add("mid-term target", ["target", "mid_term", "value"], kpi.target?.mid_term?.value);
  add("warning threshold", ["thresholds", "warning"], kpi.thresholds?.warning);
  add("critical threshold", ["thresholds", "critical"], kpi.thresholds?.critical);
  add("benchmark", ["benchmark", "value"], kpi.benchmark?.value);
  return values;
}
