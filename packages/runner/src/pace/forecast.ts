import type { KpiFile } from "@kpi-as-code/core";
import { type Calendar, DEFAULT_CALENDAR } from "../periods/calendar.js";
import { isCadencePeriod } from "../periods/previous-period.js";
import type { Period } from "../types.js";
import { dayNumber, lastDay, targetPath } from "./target-path.js";

/** The trend line is fitted to at most this many recorded periods of the KPI's cadence, the newest. */
export const FORECAST_POINTS = 6;
/** Fewer recorded periods than this give no forecast: a line through two or three points is noise. */
export const FORECAST_MIN_POINTS = 4;

/** A recorded value with the period it covers (a history record or point). */
export interface TrendPoint {
  period: Period;
  value: number | null;
}

export type Forecast =
  | {
      kind: "forecast";
      /** The trend line's value on `by`. */
      value: number;
      by: string;
      /** The target value due on `by`. */
      target: number;
      /** How many periods the line was fitted to. */
      points: number;
    }
  | {
      kind: "none";
      /**
       * - `no_target`: no short- or mid-term target to project to
       * - `too_few_points`: fewer than FORECAST_MIN_POINTS recorded periods of the cadence with a value
       * - `targets_passed`: every target date lies on or before the newest recorded period's last day
       */
      reason: "no_target" | "too_few_points" | "targets_passed";
      points: number;
    };

/**
 * The value at the next target date projected from the recent trend: a least-squares line
 * (value against day) through the newest FORECAST_POINTS recorded periods of the KPI's cadence, each
 * placed on its last day. The next target date is `short_term.by`, or `mid_term.by` once that has
 * passed. Values over other periods (a week of a monthly KPI) and periods without a value are left
 * out; a period recorded twice counts once, with its newest value (the last in `points`).
 */
export function trendForecast(
  points: readonly TrendPoint[],
  kpi: Pick<KpiFile, "target" | "cadence">,
  /** The workspace's calendar: which periods are its weeks, quarters and years (spec 4.7). */
  calendar: Calendar = DEFAULT_CALENDAR,
): Forecast {
  const targets = targetPath(kpi.target).filter((point) => point.kind !== "baseline");
  const recent = cadencePoints(points, kpi.cadence, calendar).slice(-FORECAST_POINTS);
  if (targets.length === 0) return { kind: "none", reason: "no_target", points: recent.length };
  if (recent.length < FORECAST_MIN_POINTS) {
    return { kind: "none", reason: "too_few_points", points: recent.length };
  }
  const newest = recent[recent.length - 1] as { day: number };
  const next = targets.find((point) => (dayNumber(point.date) ?? 0) > newest.day);
  if (!next) return { kind: "none", reason: "targets_passed", points: recent.length };
  return {
    kind: "forecast",
    value: lineAt(recent, dayNumber(next.date) ?? 0),
    by: next.date,
    target: next.value,
    points: recent.length,
  };
}

/** One point per cadence period that has a value, oldest first, placed on the period's last day. */
function cadencePoints(
  points: readonly TrendPoint[],
  cadence: unknown,
  calendar: Calendar,
): { day: number; value: number }[] {
  const byStart = new Map<string, { day: number; value: number }>();
  for (const point of points) {
    if (typeof point.value !== "number" || !Number.isFinite(point.value)) continue;
    if (!isCadencePeriod(point.period, cadence, calendar)) continue;
    const day = dayNumber(lastDay(point.period));
    if (day === undefined) continue;
    byStart.delete(point.period.start);
    byStart.set(point.period.start, { day, value: point.value });
  }
  return [...byStart.values()].sort((a, b) => a.day - b.day);
}

/** The least-squares line through the points (at least two distinct days), evaluated on `day`. */
export function lineAt(points: readonly { day: number; value: number }[], day: number): number {
  const origin = points[0]?.day ?? 0;
  const xs = points.map((point) => point.day - origin);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = points.reduce((sum, point) => sum + point.value, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  points.forEach((point, index) => {
    const dx = (xs[index] as number) - meanX;
    covariance += dx * (point.value - meanY);
    variance += dx * dx;
  });
  const slope = variance === 0 ? 0 : covariance / variance;
  return meanY + slope * (day - origin - meanX);
}
