import type { KpiFile } from "@kpi-as-code/core";
import type { Status, TargetRef } from "../types.js";

/**
 * Spec section 3: with thresholds, beyond critical is off_track and beyond warning
 * at_risk (beyond = on the bad side of direction, equality counts); without them,
 * reaching the short-term target on the good side is on_track, else at_risk.
 */
export function statusOf(
  value: number | null,
  kpi: Pick<KpiFile, "direction" | "thresholds" | "target">,
): Status {
  if (value === null) return "no_data";
  const { warning, critical } = kpi.thresholds ?? {};
  const worseOrEqual = (limit: number) => (kpi.direction === "decrease" ? value >= limit : value <= limit);
  if (warning !== undefined || critical !== undefined) {
    if (critical !== undefined && worseOrEqual(critical)) return "off_track";
    if (warning !== undefined && worseOrEqual(warning)) return "at_risk";
    return "on_track";
  }
  const goal = kpi.target?.short_term?.value;
  if (goal === undefined) return "no_target";
  const reached = kpi.direction === "decrease" ? value <= goal : value >= goal;
  return reached ? "on_track" : "at_risk";
}

/** The target reported next to the value: the short-term point when present, with the thresholds. */
export function targetRef(kpi: Pick<KpiFile, "thresholds" | "target">): TargetRef | null {
  const limits = {
    ...(kpi.thresholds?.warning !== undefined ? { warning: kpi.thresholds.warning } : {}),
    ...(kpi.thresholds?.critical !== undefined ? { critical: kpi.thresholds.critical } : {}),
  };
  const hasLimits = Object.keys(limits).length > 0;
  const shortTerm = kpi.target?.short_term;
  const midTerm = kpi.target?.mid_term;
  if (shortTerm) return { kind: "short_term", value: shortTerm.value, by: shortTerm.by, ...limits };
  if (midTerm) return { kind: "mid_term", value: midTerm.value, by: midTerm.by, ...limits };
  if (hasLimits) return { kind: "threshold", value: null, ...limits };
  return null;
}
