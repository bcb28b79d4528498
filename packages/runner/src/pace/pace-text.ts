import type { Forecast } from "./forecast.js";
import { FORECAST_MIN_POINTS } from "./forecast.js";
import type { PathPoint } from "./target-path.js";

/** Formats a number in the KPI's unit; each output passes its own (compact or not). */
export type FormatNumber = (value: number) => string;

/**
 * `expected 31.2% now, 35% by 2027-03-31`: the target path's value on the period's last day and the
 * target it heads for. Empty without an expected value.
 */
export function paceText(
  expected: number | null | undefined,
  next: PathPoint | undefined,
  format: FormatNumber,
): string {
  if (expected === null || expected === undefined) return "";
  const now = `expected ${format(expected)} now`;
  return next ? `${now}, ${format(next.value)} by ${next.date}` : now;
}

/**
 * `on this trend: 33.1% by 2027-03-31 (target 35%)`, or why there is no forecast
 * (`no forecast: 2 periods of the cadence with a value, 4 needed`).
 */
export function forecastText(forecast: Forecast, format: FormatNumber): string {
  if (forecast.kind === "forecast") {
    return `on this trend: ${format(forecast.value)} by ${forecast.by} (target ${format(forecast.target)})`;
  }
  return `no forecast: ${FORECAST_REASON[forecast.reason](forecast.points)}`;
}

const FORECAST_REASON: Record<Extract<Forecast, { kind: "none" }>["reason"], (points: number) => string> = {
  no_target: () => "no short- or mid-term target",
  too_few_points: (points) =>
    `${points} period${points === 1 ? "" : "s"} of the cadence with a value, ${FORECAST_MIN_POINTS} needed`,
  targets_passed: () => "every target date has passed",
};
