import { formatValue as formatUnitValue, type KpiFile, type Unit } from "@kpi-as-code/core";
import type { HistoryPoint, LatestValue } from "@kpi-as-code/runner";
import { paceSummary } from "./pace-summary.js";

const BARS = "▁▂▃▄▅▆▇█";

/** A value in its unit, as `kpi run` shows it (core's formatter); "no value" when there is none. */
export function formatValue(
  value: number | null | undefined,
  unit: Unit | undefined,
  currency?: string,
): string {
  if (value === null || value === undefined) return "no value";
  return formatUnitValue(value, { unit, currency }, { compact: true });
}

/** Recent values as a one-line bar chart, oldest first; periods without a value are a space. */
export function sparkline(points: readonly HistoryPoint[]): string {
  const values = points.map((point) => point.value).filter((value): value is number => value !== null);
  if (values.length === 0) return "";
  const low = Math.min(...values);
  const high = Math.max(...values);
  return points
    .map((point) => {
      if (point.value === null) return " ";
      const level = high === low ? 3 : Math.round(((point.value - low) / (high - low)) * (BARS.length - 1));
      return BARS[level];
    })
    .join("");
}

/** How long ago, coarsely: `just now`, `5 min ago`, `2 h ago`, `3 d ago`. */
export function timeAgo(iso: string, now: Date): string {
  const seconds = Math.max(0, (now.getTime() - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return "";
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

export function statusLabel(status: string): string {
  return status.replace(/_/g, " ");
}

/**
 * `27.3%, expected 28.8% now, 30% by 2026-12-31 · at risk · 2 h ago`: a KPI's latest value in one
 * line, beside what the target path expects at the end of its period (spec 5.1).
 */
export function valueSummary(data: Partial<KpiFile>, value: LatestValue, now: Date): string {
  const { latest } = value;
  const shown = formatValue(latest.value, data.unit, data.currency);
  const pace = paceSummary(data, latest.period);
  const parts = [pace ? `${shown}, ${pace}` : shown, statusLabel(latest.status)];
  const target = pace ? undefined : targetSummary(data);
  if (target) parts.push(target);
  parts.push(timeAgo(latest.recordedAt, now));
  return parts.filter((part) => part !== "").join(" · ");
}

/** `target 30% by 2026-12-31` from the short-term point, else the mid-term one. */
export function targetSummary(data: Partial<KpiFile>): string | undefined {
  const point = data.target?.short_term ?? data.target?.mid_term;
  if (!point || typeof point.value !== "number") return undefined;
  return `target ${formatValue(point.value, data.unit, data.currency)} by ${point.by}`;
}

/**
 * How far the latest value has come from the baseline towards the next target, e.g. `60% of the way
 * from 25% to 30%`; undefined without a baseline, a target or a value.
 */
export function progressSummary(data: Partial<KpiFile>, value: LatestValue | undefined): string | undefined {
  const baseline = data.target?.baseline?.value;
  const goal = data.target?.short_term?.value ?? data.target?.mid_term?.value;
  const current = value?.latest.value;
  if (typeof baseline !== "number" || typeof goal !== "number" || typeof current !== "number")
    return undefined;
  if (goal === baseline) return undefined;
  const share = (current - baseline) / (goal - baseline);
  const show = (n: number) => formatValue(n, data.unit, data.currency);
  if (share >= 1) return `target ${show(goal)} reached`;
  if (share < 0) return `behind the baseline ${show(baseline)}, target ${show(goal)}`;
  return `${Math.round(share * 100)}% of the way from ${show(baseline)} to ${show(goal)}`;
}
