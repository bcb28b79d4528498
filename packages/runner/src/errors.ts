/**
 * - `kpi/unknown`: a requested KPI id is not in the workspace
 * - `period/invalid`: a period, a date or a shorthand cannot be read, or `from` is not before `to`
 * - `grain/invalid`: the grain is not day, week, month, quarter or year
 * - `workspace/missing`: there is no `kpi.yaml` where the workspace should be
 * - `funnel/unknown`: `kpi funnel NAME` names no funnel of kpi.yaml
 * - `funnel/invalid`: a funnel step names no KPI, is not a count, or differs in cadence (kpi validate says where)
 */
export type RunnerErrorCode =
  | "kpi/unknown"
  | "period/invalid"
  | "grain/invalid"
  | "workspace/missing"
  | "funnel/unknown"
  | "funnel/invalid";

/** A bad argument to the runner. Source problems never throw: they become `error` results. */
export class RunnerError extends Error {
  constructor(
    readonly code: RunnerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RunnerError";
  }
}
