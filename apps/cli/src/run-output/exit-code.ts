import type { RunResult, Status } from "@kpi-as-code/runner";
import { EXIT } from "../cli-error.js";

export const FAIL_ON = ["at_risk", "off_track"] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * How bad each status is for `--fail-on`. An `error` counts as worst: a gate that passes because
 * a KPI could not be computed would hide exactly the breach it exists to catch. `no_data` and
 * `no_target` carry no verdict and never fail the run.
 */
const SEVERITY: Partial<Record<Status, number>> = { at_risk: 1, off_track: 2, error: 3 };

/** 2 when nothing could run (no KPI, or every KPI errored); 1 when `--fail-on` is breached; else 0. */
export function runExitCode(run: RunResult, failOn?: FailOn): number {
  if (run.results.length === 0 || run.results.every((result) => result.status === "error"))
    return EXIT.cannotRun;
  if (failOn === undefined) return EXIT.ok;
  const bar = SEVERITY[failOn] ?? Number.POSITIVE_INFINITY;
  return run.results.some((result) => (SEVERITY[result.status] ?? 0) >= bar) ? EXIT.failed : EXIT.ok;
}
