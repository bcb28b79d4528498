import { formatValue, type KpiFile } from "@kpi-as-code/core";
import type { Calendar, HistoryPoint, Period } from "@kpi-as-code/runner";
import {
  expectedValue,
  forecastText,
  nextTargetPoint,
  paceText,
  targetPath,
  trendForecast,
} from "@kpi-as-code/runner/pace";

// The runner's pace functions (spec 5.1), the same as `kpi run` and the report use; imported from
// the runner's driver-free entry so that hints and hover never load a database driver.

function formatter(data: Partial<KpiFile>): (value: number) => string {
  return (value) => formatValue(value, { unit: data.unit, currency: data.currency }, { compact: true });
}

/** `expected 28.8% now, 30% by 2026-12-31` for a value of `period`; undefined without a target. */
export function paceSummary(data: Partial<KpiFile>, period: Period): string | undefined {
  const kpi = data as Pick<KpiFile, "target">;
  const format = formatter(data);
  const text = paceText(expectedValue(kpi, period), nextTargetPoint(kpi, period), format);
  return text === "" ? undefined : text;
}

/**
 * `on this trend: 33.1% by 2027-03-31 (target 35%)` from the recorded values, or why there is no
 * forecast; undefined without a target.
 */
export function forecastSummary(
  data: Partial<KpiFile>,
  recent: readonly HistoryPoint[],
  calendar?: Calendar,
): string | undefined {
  if (targetPath(data.target).length === 0) return undefined;
  const format = formatter(data);
  return forecastText(trendForecast(recent, data as Pick<KpiFile, "target" | "cadence">, calendar), format);
}
