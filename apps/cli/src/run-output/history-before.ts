import { type HistoryRecord, type RunResult, readHistory } from "@kpi-as-code/runner";

/** Enough recorded values to find the previous period's, even after many re-runs of this one. */
const LOOKBACK = 100;

/** Each KPI's recorded values before this run is recorded, newest first. */
export async function historyBefore(root: string, run: RunResult): Promise<Map<string, HistoryRecord[]>> {
  const entries = await Promise.all(
    run.results.map(
      async (result) => [result.kpi, await readHistory(root, result.kpi, { limit: LOOKBACK })] as const,
    ),
  );
  return new Map(entries);
}
