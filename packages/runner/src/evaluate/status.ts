import type { KpiFile } from "@kpi-as-code/core";
import type { TargetRef } from "../types.js";

// The status rule lives with the target path it needs (spec 5.1); re-exported for existing importers.
export { statusOf } from "../pace/pace-status.js";

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
