import type { Workspace } from "@kpi-as-code/core";
import { type HistoryRecord, type RunResult, recordRun, workspaceCalendar } from "@kpi-as-code/runner";
import { historyBefore } from "./history-before.js";
import { kpiDisplays } from "./kpi-display.js";
import { type ComputePeriod, computePreviousValues } from "./previous-values.js";
import type { RunContext } from "./run-rows.js";
import { seriesBucketResults } from "./series-records.js";

export interface CompareAndRecordOptions {
  /** Record the run in the history (`--no-record` turns it off). */
  record: boolean;
  /** Find what each value is compared with (the human formats show a change column). */
  compare: boolean;
  /** Computes KPIs for one period: the previous periods not in the history. */
  compute: ComputePeriod;
}

/**
 * After a run: reads the history BEFORE recording (the change shown is against what was there),
 * computes the previous periods that are not recorded, then records, in this order, those previous
 * values, each whole cadence bucket of a series (`--grain`) and the run's own results, so the
 * latest recorded value of each KPI is this run's.
 */
export async function compareAndRecord(
  root: string,
  run: RunResult,
  workspace: Workspace,
  options: CompareAndRecordOptions,
): Promise<RunContext> {
  const history: Map<string, HistoryRecord[]> = options.compare ? await historyBefore(root, run) : new Map();
  const previous = options.compare ? await computePreviousValues(run.results, history, options.compute) : [];
  if (options.record) {
    const results = [...previous, ...seriesBucketResults(run, workspace), ...run.results];
    await recordRun(root, { period: run.period, results });
  }
  return {
    displays: kpiDisplays(workspace),
    history,
    previous: new Map(previous.map((result) => [result.kpi, result])),
    calendar: workspaceCalendar(workspace),
  };
}
