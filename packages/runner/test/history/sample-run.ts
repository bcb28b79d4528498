import type { KpiResult, RunResult } from "@kpi-as-code/runner";

/** A hand-made KPI result, as the engine would return it. */
export function kpiResult(kpi: string, overrides: Partial<KpiResult> = {}): KpiResult {
  return {
    kpi,
    version: 1,
    period: { start: "2026-10-01", end: "2026-11-01" },
    value: 0.31,
    measures: { activated: 31, signups: 100 },
    status: "on_track",
    target: { kind: "short_term", value: 0.3, by: "2026-12-31" },
    expected: null,
    definitionHash: "sha256:abc",
    ...overrides,
  };
}

export function runOf(...results: KpiResult[]): RunResult {
  return { period: results[0]?.period ?? { start: "2026-10-01", end: "2026-11-01" }, results };
}

export function monthPeriod(month: number): { start: string; end: string } {
  const start = new Date(Date.UTC(2026, month - 1, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(2026, month, 1)).toISOString().slice(0, 10);
  return { start, end };
}
