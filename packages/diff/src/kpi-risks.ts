import { type KpiFile, type MEANING_FIELDS, meaningChanges } from "@kpi-as-code/core";
import type { FieldChange, Risk } from "./types.js";

type Kpi = Partial<KpiFile>;

/** The fields whose change makes old and new values incomparable (target and thresholds only move the bar). */
const DEFINITION_FIELDS: readonly (typeof MEANING_FIELDS)[number][] = [
  "formula",
  "measures",
  "unit",
  "direction",
  "segments",
];

/** Risk flags of a KPI present at both revisions, from its field changes. */
export function changedKpiRisks(
  before: Kpi,
  after: Kpi,
  fields: readonly FieldChange[],
  valid: boolean,
): Risk[] {
  const risks: Risk[] = [];
  const direction = after.direction ?? before.direction;
  for (const change of fields) {
    const kind = easedKind(change.field);
    if (kind && eases(change, direction)) {
      risks.push({ id: kind, description: `${change.description} (${betterWay(direction)})` });
    }
  }
  const redefined = DEFINITION_FIELDS.filter((field) => fields.some((change) => topField(change) === field));
  if (redefined.length > 0) {
    risks.push({
      id: "meaning-changed",
      description: `${redefined.join(", ")} changed: values before and after this change are not comparable`,
    });
  }
  if (before.core === true && after.core !== true) {
    risks.push({ id: "core-removed", description: "core KPI demoted: no longer a core KPI" });
  }
  const notBumped = valid ? versionNotBumped(before as KpiFile, after as KpiFile) : undefined;
  if (notBumped) risks.push(notBumped);
  return risks;
}

export function removedKpiRisks(before: Kpi): Risk[] {
  return before.core === true ? [{ id: "core-removed", description: "core KPI removed" }] : [];
}

/** The same check as the rule `version/not-bumped`, which `kpi validate --base` reports as an error. */
function versionNotBumped(before: KpiFile, after: KpiFile): Risk | undefined {
  if (typeof before.version !== "number" || typeof after.version !== "number") return undefined;
  if (after.version > before.version) return undefined;
  const changed = meaningChanges(before, after);
  if (changed.length === 0) return undefined;
  return {
    id: "version-not-bumped",
    description: `meaning changed (${changed.join(", ")}) but version stayed ${after.version}`,
  };
}

function easedKind(field: string): "target-eased" | "threshold-eased" | undefined {
  if (/^target\.(short_term|mid_term)(\.value)?$/.test(field)) return "target-eased";
  if (/^thresholds\.(warning|critical)$/.test(field)) return "threshold-eased";
  return undefined;
}

/**
 * Whether a target or threshold change makes the bar easier to meet: moved against the KPI's
 * direction (lowering a target of an "increase" KPI) or removed altogether.
 */
function eases(change: FieldChange, direction: unknown): boolean {
  const before = numberIn(change.before);
  const after = numberIn(change.after);
  if (before === undefined) return false;
  if (after === undefined) return change.after === undefined;
  if (direction === "increase") return after < before;
  if (direction === "decrease") return after > before;
  return false;
}

/** A change holds either the bare number (`.value`, a threshold) or a whole target point. */
function numberIn(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (value && typeof value === "object" && typeof (value as { value?: unknown }).value === "number") {
    return (value as { value: number }).value;
  }
  return undefined;
}

function betterWay(direction: unknown): string {
  if (direction === "increase") return "higher is better";
  if (direction === "decrease") return "lower is better";
  return "direction unknown";
}

function topField(change: FieldChange): string {
  return change.field.split(".")[0] ?? change.field;
}
