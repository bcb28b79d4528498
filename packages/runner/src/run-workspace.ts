import type { Workspace } from "@kpi-as-code/core";
import "./connectors.js";
import { compileWorkspace } from "./compile/compile-workspace.js";
import { buildResults } from "./evaluate/build-results.js";
import { KpiEvaluator } from "./evaluate/kpi-evaluator.js";
import { runQueries } from "./execute/run-queries.js";
import { loadWorkspace } from "./load-workspace.js";
import { resolveTargets, type TargetOptions } from "./resolve-targets.js";
import type { Period, RunResult } from "./types.js";

export interface RunOptions extends TargetOptions {
  /** The workspace folder (where kpi.yaml is); relative source paths resolve against it. */
  root: string;
  /** An already loaded workspace; read from `root` when absent. */
  workspace?: Workspace;
  /** Break KPIs with `segments` down (default true). */
  breakdowns?: boolean;
  timeoutMs?: number;
  /** Progress over the queries: `done` of `total`, with a KPI the finished query served. */
  onProgress?: (done: number, total: number, kpi?: string) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * Computes KPIs: plans and compiles their queries, runs them on each source
 * (opened once, sources in parallel) and evaluates formulas and statuses.
 * Throws RunnerError only for bad arguments; a source problem fails its KPIs.
 */
export async function runWorkspace(options: RunOptions): Promise<RunResult> {
  const workspace = options.workspace ?? (await loadWorkspace(options.root));
  const targets = resolveTargets(workspace, options);
  const request = {
    targets,
    ...(options.grain ? { grain: options.grain } : {}),
    ...(options.breakdowns === false ? { breakdowns: false } : {}),
  };
  const run = compileWorkspace(workspace, request);
  let done = 0;
  const store = await runQueries(workspace, run.compiled, {
    root: options.root,
    ...(options.env ? { env: options.env } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    onQueryDone: (query) => {
      done += 1;
      const kpi = query.plan.kind === "aggregate" ? query.plan.slots[0]?.kpi : query.plan.slot.kpi;
      options.onProgress?.(done, run.compiled.length, kpi);
    },
  });
  const results = buildResults(request, run.definitions, new KpiEvaluator(run.definitions, store));
  return {
    period: runPeriod(
      targets.map((target) => target.period),
      options,
    ),
    results,
  };
}

function runPeriod(periods: Period[], options: RunOptions): Period {
  if (options.period) return options.period;
  if (periods.length === 0) return { start: options.today ?? "", end: options.today ?? "" };
  return {
    start: periods.map((period) => period.start).sort()[0] as string,
    end: periods
      .map((period) => period.end)
      .sort()
      .at(-1) as string,
  };
}
