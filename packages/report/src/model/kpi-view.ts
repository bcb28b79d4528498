import type { KpiEntry, KpiFile, TargetDef } from "@kpi-as-code/core";
import type { Calendar, Grain, KpiResult } from "@kpi-as-code/runner";
import {
  expectedValue,
  forecastText,
  nextTargetPoint,
  targetPath as paceTargetPath,
  paceText,
  trendForecast,
} from "@kpi-as-code/runner/pace";
import { formatValue, type ValueDisplay } from "../format/format-value.js";
import type {
  BreakdownView,
  KpiView,
  OwnerRef,
  TargetPathPoint,
  ThresholdBand,
  TrendPoint,
  TrendSource,
} from "./types.js";

export interface KpiViewInputs {
  entry: KpiEntry;
  result: KpiResult | undefined;
  owner: OwnerRef | null;
  trend: { source: TrendSource; grain?: Grain | undefined; points: TrendPoint[] } | undefined;
  /** The workspace's calendar: which recorded periods are the KPI's weeks, quarters and years. */
  calendar?: Calendar;
}

/** One KPI as the dashboard shows it: its definition, current value and status, trend and breakdowns. */
export function kpiView({ entry, result, owner, trend, calendar }: KpiViewInputs): KpiView {
  const data = entry.data as Partial<KpiFile>;
  const display = valueDisplay(data);
  const target = isObject(data.target) ? (data.target as TargetDef) : null;
  return {
    id: entry.id ?? entry.file,
    name: text(data.name) ?? entry.id ?? entry.file,
    description: text(data.description)?.trim() ?? "",
    owner,
    goal: text(data.goal),
    indicator: data.indicator === "leading" || data.indicator === "lagging" ? data.indicator : null,
    core: data.core === true,
    unit: display.unit ?? null,
    currency: display.currency ?? null,
    range: display.range ?? null,
    direction: data.direction === "increase" || data.direction === "decrease" ? data.direction : null,
    cadence: data.cadence ?? null,
    formula: text(data.formula) ?? "",
    value: result?.value ?? null,
    valueText: formatValue(result?.value, display),
    status: result?.status ?? "no_data",
    period: result?.period ?? null,
    error: result?.error ?? null,
    target,
    benchmark: isObject(data.benchmark) && typeof data.benchmark.value === "number" ? data.benchmark : null,
    trend: {
      source: trend?.source ?? "history",
      ...(trend?.grain ? { grain: trend.grain } : {}),
      points: (trend?.points ?? []).map((point) => ({
        ...point,
        valueText: formatValue(point.value, display),
      })),
    },
    targetPath: targetPath(target),
    ...paceView(data, result, trend?.points ?? [], display, calendar),
    bands: thresholdBands(data),
    breakdowns: breakdownViews(result, display),
  };
}

/**
 * What the target path expects at the end of the value's period, and where the recent trend leads
 * (spec 5.1): the runner's functions, so the report says what `kpi run` and the editor say.
 */
function paceView(
  data: Partial<KpiFile>,
  result: KpiResult | undefined,
  points: readonly TrendPoint[],
  display: ValueDisplay,
  calendar: Calendar | undefined,
): Pick<KpiView, "expected" | "expectedText" | "forecastText"> {
  const kpi = data as Pick<KpiFile, "target" | "cadence">;
  if (paceTargetPath(kpi.target).length === 0)
    return { expected: null, expectedText: "", forecastText: null };
  const format = (value: number) => formatValue(value, display);
  const expected = result ? (result.expected ?? expectedValue(kpi, result.period)) : null;
  return {
    expected,
    expectedText: result ? paceText(expected, nextTargetPoint(kpi, result.period), format) : "",
    forecastText: forecastText(
      trendForecast(
        points.map((point) => ({ period: { start: point.start, end: point.end }, value: point.value })),
        kpi,
        calendar,
      ),
      format,
    ),
  };
}

export function valueDisplay(data: Partial<KpiFile>): ValueDisplay {
  return {
    ...(typeof data.unit === "string" ? { unit: data.unit } : {}),
    ...(typeof data.currency === "string" ? { currency: data.currency } : {}),
    ...(Array.isArray(data.range) && data.range.length === 2 ? { range: data.range } : {}),
  };
}

/** baseline -> short term -> mid term, as dated points, in that order. */
export function targetPath(target: TargetDef | null): TargetPathPoint[] {
  if (!target) return [];
  const points: TargetPathPoint[] = [];
  const { baseline, short_term: shortTerm, mid_term: midTerm } = target;
  if (baseline && isPoint(baseline.value, baseline.at)) {
    points.push({ date: baseline.at, value: baseline.value, label: "baseline" });
  }
  if (shortTerm && isPoint(shortTerm.value, shortTerm.by)) {
    points.push({ date: shortTerm.by, value: shortTerm.value, label: "short term" });
  }
  if (midTerm && isPoint(midTerm.value, midTerm.by)) {
    points.push({ date: midTerm.by, value: midTerm.value, label: "mid term" });
  }
  return points;
}

/**
 * The value ranges of each threshold status (spec 5.1): beyond critical is off track and beyond
 * warning at risk (equality counts as beyond). Without thresholds, only the values worse than the
 * baseline (off track whatever the date). Nothing to draw without either.
 */
export function thresholdBands(data: Partial<KpiFile>): ThresholdBand[] {
  const increase = data.direction !== "decrease";
  const warning = numberOrNull(data.thresholds?.warning);
  const critical = numberOrNull(data.thresholds?.critical);
  // Ordered from the bad end to the good end; each boundary belongs to the worse band.
  const boundaries: { status: ThresholdBand["status"]; at: number }[] = [];
  if (critical !== null) boundaries.push({ status: "off_track", at: critical });
  if (warning !== null) boundaries.push({ status: "at_risk", at: warning });
  if (boundaries.length === 0) {
    // Without thresholds the pace decides (spec 5.1): on or past the drawn path is on track, short
    // of it at risk, and worse than the baseline off track: only that last line is fixed.
    const baseline = numberOrNull(data.target?.baseline?.value);
    if (
      baseline === null ||
      numberOrNull(data.target?.short_term?.value ?? data.target?.mid_term?.value) === null
    )
      return [];
    return increase
      ? [{ status: "off_track", from: null, to: baseline }]
      : [{ status: "off_track", from: baseline, to: null }];
  }
  const bands: ThresholdBand[] = [];
  let edge: number | null = null;
  for (const boundary of boundaries) {
    bands.push(
      increase
        ? { status: boundary.status, from: edge, to: boundary.at }
        : { status: boundary.status, from: boundary.at, to: edge },
    );
    edge = boundary.at;
  }
  bands.push(
    increase ? { status: "on_track", from: edge, to: null } : { status: "on_track", from: null, to: edge },
  );
  return bands;
}

function breakdownViews(result: KpiResult | undefined, display: ValueDisplay): BreakdownView[] {
  return Object.entries(result?.breakdowns ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([segment, rows]) => ({
      segment,
      rows: rows.map((row) => ({
        key: row.key ?? "(none)",
        value: row.value,
        valueText: formatValue(row.value, display),
      })),
    }));
}

function isPoint(value: unknown, date: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value) && typeof date === "string";
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> & { value?: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
