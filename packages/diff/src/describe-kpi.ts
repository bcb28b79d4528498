import type { KpiFile } from "@kpi-as-code/core";
import { describeChange, type Formatter, withValues } from "./describe-change.js";
import { measureChanges } from "./describe-measures.js";
import { benchmarkChanges, targetChanges, thresholdChanges } from "./describe-targets.js";
import { formatPlain } from "./format-value.js";
import { recordOf, sameValue, unionKeys } from "./same-value.js";
import type { FieldChange } from "./types.js";

type Kpi = Partial<KpiFile>;
type FieldDescriber = (before: Kpi, after: Kpi) => FieldChange[];

const quoted: Formatter = (value) => (typeof value === "string" ? `"${value}"` : formatPlain(value));

/** A describer for a field whose change reads "label before -> after". */
function plain(
  field: keyof KpiFile,
  label: string,
  format: Formatter = formatPlain,
  verb?: "changed",
): FieldDescriber {
  return (before, after) =>
    sameValue(before[field], after[field])
      ? []
      : [describeChange(field, label, before[field], after[field], format, format, verb)];
}

function coreChange(before: Kpi, after: Kpi): FieldChange[] {
  const was = before.core === true;
  const is = after.core === true;
  if (was === is) return [];
  const description = is ? "now a core KPI" : "no longer a core KPI";
  return [withValues({ field: "core", description }, before.core, after.core)];
}

function actionPlanChange(before: Kpi, after: Kpi): FieldChange[] {
  if (sameValue(before.action_plan, after.action_plan)) return [];
  const steps = (plan: unknown) =>
    Array.isArray(plan) ? `${plan.length} step${plan.length === 1 ? "" : "s"}` : "none";
  const description = `action plan changed (${steps(before.action_plan)} -> ${steps(after.action_plan)})`;
  return [withValues({ field: "action_plan", description }, before.action_plan, after.action_plan)];
}

/** Every field in reading order: what the KPI is, who owns it, how it is computed, what it aims at. */
const DESCRIBERS: readonly [keyof KpiFile, FieldDescriber][] = [
  ["version", plain("version", "version")],
  ["name", plain("name", "name", quoted, "changed")],
  ["description", plain("description", "description", quoted, "changed")],
  ["owner", plain("owner", "owner")],
  ["goal", plain("goal", "goal")],
  ["category", plain("category", "category")],
  ["indicator", plain("indicator", "")],
  ["core", coreChange],
  ["unit", plain("unit", "unit")],
  ["currency", plain("currency", "currency")],
  ["range", plain("range", "range")],
  ["direction", plain("direction", "direction")],
  ["cadence", plain("cadence", "cadence")],
  ["formula", plain("formula", "formula", formatPlain, "changed")],
  ["measures", (before, after) => measureChanges(before.measures, after.measures)],
  ["segments", plain("segments", "segments")],
  ["target", targetChanges],
  ["thresholds", thresholdChanges],
  ["benchmark", benchmarkChanges],
  ["action_plan", actionPlanChange],
  ["review", plain("review", "review")],
  ["tags", plain("tags", "tags")],
];

const DESCRIBED = new Set<string>(["kpi", ...DESCRIBERS.map(([field]) => field)]);

/** The field-level changes between two definitions of the same KPI, in plain language. */
export function kpiFieldChanges(before: Kpi, after: Kpi): FieldChange[] {
  const changes = DESCRIBERS.flatMap(([, describe]) => describe(before, after));
  const oldRecord = recordOf(before);
  const newRecord = recordOf(after);
  for (const key of unionKeys(oldRecord, newRecord)) {
    if (DESCRIBED.has(key) || sameValue(oldRecord[key], newRecord[key])) continue;
    changes.push(describeChange(key, key, oldRecord[key], newRecord[key], formatPlain));
  }
  return changes;
}
