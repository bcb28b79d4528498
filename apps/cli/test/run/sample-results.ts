import type { HistoryRecord, KpiResult, RunResult } from "@kpi-as-code/runner";

export function result(kpi: string, overrides: Partial<KpiResult> = {}): KpiResult {
  return {
    kpi,
    version: 1,
    period: { start: "2026-10-01", end: "2026-11-01" },
    value: 0.31,
    measures: { activated: 31, signups: 100 },
    status: "on_track",
    target: { kind: "short_term", value: 0.3, by: "2026-12-31" },
    expected: null,
    definitionHash: "h1",
    ...overrides,
  };
}

export function runOf(...results: KpiResult[]): RunResult {
  return { period: { start: "2026-10-01", end: "2026-11-01" }, results };
}

export function recorded(kpi: string, overrides: Partial<HistoryRecord> = {}): HistoryRecord {
  return {
    format: 1,
    runId: "r0",
    recordedAt: "2026-10-02T08:00:00.000Z",
    kpi,
    version: 1,
    definitionHash: "h1",
    period: { start: "2026-09-01", end: "2026-10-01" },
    value: 0.25,
    measures: {},
    status: "at_risk",
    target: null,
    ...overrides,
  };
}
