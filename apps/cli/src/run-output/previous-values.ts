import { type HistoryRecord, type KpiResult, type Period, previousPeriod } from "@kpi-as-code/runner";
import { previousRecord } from "./change.js";

/** Computes the given KPIs for one period (a second, smaller run: no breakdowns, no series). */
export type ComputePeriod = (kpis: string[], period: Period) => Promise<KpiResult[]>;

/**
 * The values of the previous period of the same length for the results whose previous period is
 * not in the history, computed: one run per distinct previous period (KPIs of one cadence share
 * theirs), so the change column is there from the first run. A result in `error` has nothing to
 * compare; a failed computation only leaves its change empty.
 */
export async function computePreviousValues(
  results: readonly KpiResult[],
  history: ReadonlyMap<string, readonly HistoryRecord[]>,
  compute: ComputePeriod,
): Promise<KpiResult[]> {
  const groups = new Map<string, { period: Period; kpis: string[] }>();
  for (const result of results) {
    if (result.value === null || previousRecord(result, history.get(result.kpi) ?? [])) continue;
    const period = previousPeriod(result.period);
    const key = `${period.start}/${period.end}`;
    const group = groups.get(key) ?? { period, kpis: [] };
    group.kpis.push(result.kpi);
    groups.set(key, group);
  }
  const computed: KpiResult[] = [];
  for (const { period, kpis } of groups.values()) {
    const values = await compute(kpis, period).catch(() => []);
    computed.push(...values.filter((value) => value.status !== "error"));
  }
  return computed;
}
