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

/**
 * The exit code of a command that computes KPIs (`kpi run`, `kpi report`), the same for both
 * (README, "Exit codes"): 2 when nothing could be computed (no KPI, or every KPI in `error`, e.g.
 * every source down); 1 when some KPI is in `error` or `--fail-on` is breached; else 0.
 */
export function statusesExitCode(statuses: readonly Status[], failOn?: FailOn): number {
  if (statuses.length === 0 || statuses.every((status) => status === "error")) return EXIT.cannotRun;
  if (statuses.includes("error")) return EXIT.failed;
  if (failOn === undefined) return EXIT.ok;
  const bar = SEVERITY[failOn] ?? Number.POSITIVE_INFINITY;
  return statuses.some((status) => (SEVERITY[status] ?? 0) >= bar) ? EXIT.failed : EXIT.ok;
}

export function runExitCode(run: RunResult, failOn?: FailOn): number {
  // Spec section 6: a source whose connector is not installed cannot run at all.
  if (run.notices?.some((notice) => notice.code === "source/connector-missing")) return EXIT.cannotRun;
  return statusesExitCode(
    run.results.map((result) => result.status),
    failOn,
  );
}
