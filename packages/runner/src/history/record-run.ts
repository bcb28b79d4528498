import { randomBytes } from "node:crypto";
import type { KpiResult, RunResult } from "../types.js";
import { appendLine } from "./append-log.js";
import { extendEntry, type IndexEntry, readIndex, syncIndex } from "./latest-index.js";
import { kpiLogPath } from "./paths.js";
import { readNewestRecords } from "./read-log.js";
import { checkExistingFile, checkedHistoryDir } from "./safe-files.js";
import {
  HISTORY_FORMAT,
  type HistoryRecord,
  type ReadHistoryOptions,
  type RecordedRun,
  type RecordRunOptions,
} from "./types.js";

/**
 * Records a run in the workspace's history: one line per KPI value appended to
 * `.kpi/history/<kpi>.jsonl`, then the latest-values index refreshed. Throws HistoryPathError,
 * before writing anything, if `.kpi`, `.kpi/history` or a log is a symlink or not what it should be.
 */
export async function recordRun(
  root: string,
  run: RunResult,
  options: RecordRunOptions = {},
): Promise<RecordedRun> {
  const recordedAt = (options.recordedAt ?? new Date()).toISOString();
  const runId = options.runId ?? newRunId(recordedAt);
  await checkedHistoryDir(root, true);
  const records = run.results.map((result) =>
    toRecord(result, { runId, recordedAt, keepDetail: options.keepDetail ?? true }),
  );
  // Every log checked first, so a refused one leaves the others without a half-recorded run.
  for (const record of records) await checkExistingFile(root, kpiLogPath(root, record.kpi));
  const index = await readIndex(root);
  const known = new Map<string, IndexEntry>();
  // Different KPIs go to different files; a KPI listed twice is appended in order.
  for (const record of records) {
    // JSON.stringify escapes newlines and control characters: one record is always one line.
    const appended = await appendLine(root, kpiLogPath(root, record.kpi), JSON.stringify(record));
    const entry = extendEntry(known.get(record.kpi) ?? index.kpis[record.kpi], record, appended);
    if (entry) known.set(record.kpi, entry);
    else known.delete(record.kpi);
  }
  await syncIndex(root, known);
  return { runId, recordedAt, records: records.length };
}

/** A KPI's recorded values, newest first. Throws HistoryPathError rather than read through a symlink. */
export async function readHistory(
  root: string,
  kpi: string,
  options: ReadHistoryOptions = {},
): Promise<HistoryRecord[]> {
  const file = kpiLogPath(root, kpi);
  if (!(await checkedHistoryDir(root, false))) return [];
  return readNewestRecords(root, file, options.limit);
}

/** Sortable by time, unique enough for concurrent runs: `20261126T101502123Z-9f3a1c`. */
export function newRunId(recordedAt: string): string {
  return `${recordedAt.replace(/[-:.]/g, "")}-${randomBytes(3).toString("hex")}`;
}

function toRecord(
  result: KpiResult,
  context: { runId: string; recordedAt: string; keepDetail: boolean },
): HistoryRecord {
  return {
    format: HISTORY_FORMAT,
    runId: context.runId,
    recordedAt: context.recordedAt,
    kpi: result.kpi,
    version: result.version,
    definitionHash: result.definitionHash,
    period: result.period,
    value: result.value,
    measures: result.measures,
    status: result.status,
    target: result.target,
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(context.keepDetail && result.breakdowns ? { breakdowns: result.breakdowns } : {}),
    ...(context.keepDetail && result.series ? { series: result.series } : {}),
  };
}
