import type { KpiFile } from "@kpi-as-code/core";
import type { Period, Status } from "../types.js";
import { expectedValue, targetPath } from "./target-path.js";

type Judged = "on_track" | "at_risk" | "off_track";
type StatusKpi = Pick<KpiFile, "direction" | "thresholds" | "target">;

const SEVERITY: Record<Judged, number> = { on_track: 0, at_risk: 1, off_track: 2 };

/** On the bad side of `limit` for the KPI's direction, or equal to it. */
function worseOrEqual(kpi: Pick<KpiFile, "direction">, value: number, limit: number): boolean {
  return kpi.direction === "decrease" ? value >= limit : value <= limit;
}

/**
 * Threshold status (spec 5.1): beyond critical is off_track, beyond warning at_risk, else on_track;
 * equality counts as beyond. Undefined without thresholds.
 */
export function thresholdStatus(value: number, kpi: StatusKpi): Judged | undefined {
  const { warning, critical } = kpi.thresholds ?? {};
  const limit = (bound: unknown) => (typeof bound === "number" ? bound : undefined);
  const [warn, crit] = [limit(warning), limit(critical)];
  if (warn === undefined && crit === undefined) return undefined;
  if (crit !== undefined && worseOrEqual(kpi, value, crit)) return "off_track";
  if (warn !== undefined && worseOrEqual(kpi, value, warn)) return "at_risk";
  return "on_track";
}

/**
 * Pace status (spec 5.1): meeting `expected` (equal or on the good side) is on_track; else worse
 * than the baseline (strictly) is off_track; else at_risk. Undefined without a target.
 */
export function paceStatus(value: number, kpi: StatusKpi, period: Period): Judged | undefined {
  const expected = expectedValue(kpi, period);
  if (expected === null) return undefined;
  const meets = kpi.direction === "decrease" ? value <= expected : value >= expected;
  if (meets) return "on_track";
  const baseline = targetPath(kpi.target).find((point) => point.kind === "baseline");
  if (baseline && value !== baseline.value && worseOrEqual(kpi, value, baseline.value)) return "off_track";
  return "at_risk";
}

/**
 * The status of a value over a period (spec 5.1): no_data without a value; the worse of the
 * threshold status and the pace status; no_target with neither thresholds nor target.
 */
export function statusOf(value: number | null, kpi: StatusKpi, period: Period): Status {
  if (value === null) return "no_data";
  const judged = [thresholdStatus(value, kpi), paceStatus(value, kpi, period)].filter(
    (status): status is Judged => status !== undefined,
  );
  if (judged.length === 0) return "no_target";
  return judged.reduce((worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst));
}
