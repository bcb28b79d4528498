import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AlertsDef, ProjectFile } from "@kpi-as-code/core";
import type { NotifyInput, NotifyOptions } from "@kpi-as-code/notify";
import { kpiFacts } from "@kpi-as-code/notify";
import type { KpiResult, Status } from "@kpi-as-code/runner";

export const NOVEMBER = { start: "2026-11-01", end: "2026-12-01" };
export const DECEMBER = { start: "2026-12-01", end: "2027-01-01" };

export function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), "kpi-notify-"));
}

export function result(kpi: string, status: Status, value: number | null, period = NOVEMBER): KpiResult {
  return {
    kpi,
    version: 1,
    period,
    value,
    measures: {},
    status,
    target: null,
    definitionHash: "h",
    expected: value === null ? null : 0.3,
  };
}

export const FACTS = kpiFacts([
  {
    kpi: "csat",
    version: 1,
    name: "Customer satisfaction",
    description: "d",
    owner: "support",
    goal: "g",
    indicator: "lagging",
    core: true,
    unit: "ratio",
    direction: "increase",
    cadence: "monthly",
    formula: "a / b",
    action_plan: [{ hypothesis: "Faster first replies lift CSAT", experiment: "Staff the morning shift" }],
  },
  {
    kpi: "backlog",
    version: 1,
    name: "Ticket backlog",
    description: "d",
    owner: "ops",
    goal: "g",
    indicator: "leading",
    unit: "count",
    direction: "decrease",
    cadence: "monthly",
    formula: "open",
  },
]);

export function project(alerts: AlertsDef): ProjectFile {
  return { project: "acme-support", alerts };
}

export function input(root: string, alerts: AlertsDef, results: KpiResult[]): NotifyInput {
  return { root, project: project(alerts), results, facts: FACTS, previousStatus: () => "on_track" };
}

/** No waiting anywhere: backoff and lock polling are zero. */
export const NO_WAIT: NotifyOptions = {
  backoffMs: [0],
  sleep: async () => {},
  lockPollMs: 0,
  timeoutMs: 2000,
};
