import type { KpiFile, Workspace } from "@kpi-as-code/core";
import {
  isCadencePeriod,
  type KpiResult,
  type RunResult,
  statusOf,
  workspaceCalendar,
} from "@kpi-as-code/runner";
import { expectedValue } from "@kpi-as-code/runner/pace";

/**
 * What `kpi run --grain` records besides its results: each bucket of a series that is one whole
 * period of the KPI's cadence (a month of a monthly KPI; not a clipped first or last bucket, not a
 * week, whose status against a monthly target would mislead), as a value of its own with its
 * status, so trends fill in. A bucket that is the result's own period is recorded once, as the result.
 */
export function seriesBucketResults(run: RunResult, workspace: Workspace): KpiResult[] {
  const buckets: KpiResult[] = [];
  const calendar = workspaceCalendar(workspace);
  for (const result of run.results) {
    const data = workspace.kpi(result.kpi)?.data as KpiFile | undefined;
    if (!result.series || !data) continue;
    for (const point of result.series) {
      const period = { start: point.start, end: point.end };
      if (!isCadencePeriod(period, data.cadence, calendar)) continue;
      if (period.start === result.period.start && period.end === result.period.end) continue;
      const { breakdowns: _breakdowns, series: _series, error: _error, ...rest } = result;
      buckets.push({
        ...rest,
        period,
        value: point.value,
        measures: point.measures,
        status: statusOf(point.value, data, period),
        expected: expectedValue(data, period),
      });
    }
  }
  return buckets;
}
