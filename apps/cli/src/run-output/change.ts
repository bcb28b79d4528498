import { type HistoryRecord, type KpiResult, previousPeriod } from "@kpi-as-code/runner";
import { decimal, fixed, formatDuration, formatValue } from "./format-value.js";
import type { KpiDisplay } from "./kpi-display.js";

/** What a value is compared with: a recorded value, or one computed for the previous period. */
export type PreviousValue = Pick<HistoryRecord, "value" | "version" | "period">;

/**
 * The recorded value a result is compared with: the newest value recorded for the previous period
 * OF THE SAME LENGTH (a month after a month, never after a recorded quarter; re-running the same
 * period is not "a change since last time").
 */
export function previousRecord(
  result: KpiResult,
  newestFirst: readonly HistoryRecord[],
): HistoryRecord | undefined {
  const wanted = previousPeriod(result.period);
  return newestFirst.find(
    (record) =>
      record.period.start === wanted.start && record.period.end === wanted.end && record.value !== null,
  );
}

/**
 * The change against the previous value as text with a symbol: `▲ +1.5 pp`, `▼ -120`, `= 0`.
 * Percentages change in percentage points. A value recorded under another version of the KPI
 * measured something else, so it is named instead of subtracted.
 */
export function formatChange(
  result: KpiResult,
  previous: PreviousValue | undefined,
  display: KpiDisplay = {},
): string {
  if (!previous) return "";
  if (previous.version !== result.version) return `new v${result.version}`;
  if (result.value === null || previous.value === null) return "";
  const delta = result.value - previous.value;
  const symbol = delta > 0 ? "▲" : delta < 0 ? "▼" : "=";
  const sign = delta > 0 ? "+" : "";
  return `${symbol} ${sign}${formatDelta(delta, display)}`;
}

const SECONDS_PER_HOUR = 3600;

function formatDelta(delta: number, display: KpiDisplay): string {
  switch (display.unit) {
    case "ratio":
      return `${fixed(delta * 100, 1)} pp`;
    case "percent":
      return `${fixed(delta, 1)} pp`;
    case "duration":
      // KPI durations are hours (spec 1.2); formatDuration takes seconds.
      return formatDuration(delta * SECONDS_PER_HOUR);
    case "score":
      return decimal(delta, 2);
    default:
      return formatValue(delta, display);
  }
}
