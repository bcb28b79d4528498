import type { Calendar, HistoryRecord, KpiResult, RunResult, Status } from "@kpi-as-code/runner";
import { formatChange, type PreviousValue, previousRecord } from "./change.js";
import { formatPeriod } from "./format-period.js";
import { formatTarget } from "./format-target.js";
import { formatValue } from "./format-value.js";
import type { KpiDisplays } from "./kpi-display.js";

/** One result as the table and the markdown show it: every cell already text. */
export interface RunRow {
  status: Status;
  kpi: string;
  name: string;
  value: string;
  change: string;
  target: string;
  period: string;
  /** Why there is no value, or what failed. */
  note?: string;
  /** With `--grain`: one line per bucket of the series, oldest first. */
  series?: SeriesRow[];
}

/** A bucket of a result's series, every cell text; the change is against the bucket before. */
export interface SeriesRow {
  period: string;
  value: string;
  change: string;
}

/** What the human formats know besides the result: units from the definitions, earlier values from the history. */
export interface RunContext {
  displays: KpiDisplays;
  /** Each KPI's recorded values before this run, newest first. */
  history: ReadonlyMap<string, readonly HistoryRecord[]>;
  /** Values computed for the previous period when it was not recorded, by KPI. */
  previous?: ReadonlyMap<string, PreviousValue>;
  /** kpi.yaml's calendar: periods are named in its weeks and fiscal quarters and years. */
  calendar?: Calendar;
}

export function runRows(run: RunResult, context: RunContext): RunRow[] {
  return run.results.map((result) => runRow(result, context));
}

function runRow(result: KpiResult, context: RunContext): RunRow {
  const display = context.displays.get(result.kpi) ?? {};
  const previous =
    previousRecord(result, context.history.get(result.kpi) ?? []) ?? context.previous?.get(result.kpi);
  // Each bucket changes from the bucket before it (same length, same definition).
  const series = result.series?.map((point, index, points): SeriesRow => {
    const before = points[index - 1];
    const bucket = { ...result, period: { start: point.start, end: point.end }, value: point.value };
    const earlier = before && {
      version: result.version,
      period: { start: before.start, end: before.end },
      value: before.value,
    };
    return {
      period: formatPeriod(point, context.calendar),
      value: formatValue(point.value, display),
      change: formatChange(bucket, earlier, display),
    };
  });
  return {
    status: result.status,
    kpi: result.kpi,
    name: display.name ?? "",
    value: formatValue(result.value, display),
    change: formatChange(result, previous, display),
    target: formatTarget(result.target, display, result.expected ?? null),
    period: formatPeriod(result.period, context.calendar),
    ...(result.error ? { note: result.error } : {}),
    ...(series && series.length > 0 ? { series } : {}),
  };
}

/** `5 KPIs: 3 on track, 1 at risk, 1 error`. */
export function statusSummary(rows: readonly RunRow[], label: (status: Status) => string): string {
  const counts = new Map<Status, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const order: Status[] = ["on_track", "at_risk", "off_track", "no_data", "no_target", "error"];
  const parts = order
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${label(status)}`);
  return `${rows.length} KPI${rows.length === 1 ? "" : "s"}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}
