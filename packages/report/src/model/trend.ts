import { type Calendar, type HistoryRecord, isCadencePeriod, type SeriesPoint } from "@kpi-as-code/runner";
import type { TrendPoint } from "./types.js";

/**
 * A trend from recorded values (newest first): the latest record of each period, oldest period
 * first. Only values recorded under the KPI's current version count: an older version measured
 * something else, and a line through both would compare the incomparable. With a cadence, only
 * periods of that cadence count: a recorded quarter of a monthly KPI is no point on its monthly line.
 */
export function trendFromHistory(
  newestFirst: readonly HistoryRecord[],
  version?: number,
  cadence?: unknown,
  /** The workspace's calendar: a fiscal quarter or a Sunday week is a period of its cadence. */
  calendar?: Calendar,
): TrendPoint[] {
  const byPeriod = new Map<string, TrendPoint>();
  for (const record of newestFirst) {
    if (version !== undefined && record.version !== version) continue;
    if (cadence !== undefined && !isCadencePeriod(record.period, cadence, calendar)) continue;
    const key = `${record.period.start}/${record.period.end}`;
    if (!byPeriod.has(key)) {
      byPeriod.set(key, { start: record.period.start, end: record.period.end, value: record.value });
    }
  }
  return [...byPeriod.values()].sort(comparePeriods);
}

/** A trend from a series the runner computed (`--grain`). */
export function trendFromSeries(series: readonly SeriesPoint[]): TrendPoint[] {
  return series
    .map((point) => ({ start: point.start, end: point.end, value: point.value }))
    .sort(comparePeriods);
}

function comparePeriods(a: TrendPoint, b: TrendPoint): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0;
}
