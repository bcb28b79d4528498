import type { BreakdownRow, MeasureValues, Period, SeriesPoint, Status, TargetRef } from "../types.js";

/** The format of a history line; bumped only if a reader could misread older lines. */
export const HISTORY_FORMAT = 1;

/**
 * One KPI value as recorded by one run: a line of `.kpi/history/<kpi>.jsonl`.
 * `version` and `definitionHash` tie the value to the definition that produced it, so a value
 * computed under an older meaning is never mistaken for a comparable one.
 */
export interface HistoryRecord {
  format: typeof HISTORY_FORMAT;
  runId: string;
  /** When the run was recorded, ISO 8601 UTC. */
  recordedAt: string;
  kpi: string;
  version: number;
  definitionHash: string;
  period: Period;
  value: number | null;
  measures: MeasureValues;
  status: Status;
  target: TargetRef | null;
  error?: string;
  breakdowns?: Record<string, BreakdownRow[]>;
  series?: SeriesPoint[];
}

/** A record without its bulky parts: what the index keeps and the editor shows inline. */
export interface HistoryPoint {
  runId: string;
  recordedAt: string;
  version: number;
  definitionHash: string;
  period: Period;
  value: number | null;
  status: Status;
}

/** A KPI's latest recorded value and its recent series (one point per period, oldest first). */
export interface LatestValue {
  latest: HistoryPoint;
  recent: HistoryPoint[];
}

export interface RecordRunOptions {
  /** Defaults to a new sortable id. */
  runId?: string;
  /** Defaults to now. */
  recordedAt?: Date;
  /** Keep breakdowns and series in the records (default true). */
  keepDetail?: boolean;
}

export interface RecordedRun {
  runId: string;
  recordedAt: string;
  /** How many KPI values were written. */
  records: number;
}

export interface ReadHistoryOptions {
  /** Newest records to return (default: all). */
  limit?: number;
}

export function toHistoryPoint(record: HistoryRecord): HistoryPoint {
  return {
    runId: record.runId,
    recordedAt: record.recordedAt,
    version: record.version,
    definitionHash: record.definitionHash,
    period: record.period,
    value: record.value,
    status: record.status,
  };
}
