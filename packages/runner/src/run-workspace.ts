import type { Workspace } from "@kpi-as-code/core";
import { compileWorkspace } from "./compile/compile-workspace.js";
import { buildResults } from "./evaluate/build-results.js";
import { KpiEvaluator } from "./evaluate/kpi-evaluator.js";
import { redactRun } from "./execute/redact-run.js";
import { runQueries } from "./execute/run-queries.js";
import { loadWorkspace } from "./load-workspace.js";
import { workspaceCalendar } from "./periods/index.js";
import { resolveTargets, type TargetOptions } from "./resolve-targets.js";
import type { Period, RunResult } from "./types.js";

export interface RunOptions extends TargetOptions {
  /** The workspace folder (where kpi.yaml is); relative source paths resolve against it. */
  root: string;
  /** An already loaded workspace; read from `root` when absent. */
  workspace?: Workspace;
  /** Break KPIs with `segments` down (default true). */
  breakdowns?: boolean;
  /** With a `grain`: false computes the series alone, no value over the whole period (default true). */
  totals?: boolean;
  /**
   * The limit of each query in milliseconds, for every source. Without it a source's `timeout`
   * (seconds, kpi.yaml) applies, else DEFAULT_QUERY_TIMEOUT_MS (60 s). The engine enforces it
   * too, and a query the client gives up on is cancelled on the server.
   */
  timeoutMs?: number;
  /** Aborting it cancels the queries in flight, on the servers too; their KPIs end in `error`. */
  signal?: AbortSignal;
  /**
   * The KPI files and kpi.yaml come from someone who is not trusted (a pull request from a fork):
   * engine error texts are replaced by their error codes, `${env:...}` is expanded only in
   * connection settings and every expanded value is redacted, a source `timeout` may only lower
   * the limit, and a role that is a superuser or can read server files is refused.
   */
  untrusted?: boolean;
  /**
   * Folders outside the workspace whose files file-based sources (DuckDB tables) may read. From the
   * command line or the CI job's environment only, never from kpi.yaml.
   */
  allowPaths?: readonly string[];
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
    calendar: workspaceCalendar(workspace),
    ...(options.grain ? { grain: options.grain } : {}),
    ...(options.breakdowns === false ? { breakdowns: false } : {}),
    ...(options.totals === false ? { totals: false } : {}),
  };
  const run = compileWorkspace(workspace, request);
  let done = 0;
  const execution = await runQueries(workspace, run.compiled, {
    root: options.root,
    ...(options.env ? { env: options.env } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.untrusted ? { untrusted: true } : {}),
    ...(options.allowPaths ? { allowPaths: options.allowPaths } : {}),
    onQueryDone: (query) => {
      done += 1;
      const kpi = query.plan.kind === "aggregate" ? query.plan.slots[0]?.kpi : query.plan.slot.kpi;
      options.onProgress?.(done, run.compiled.length, kpi);
    },
  });
  const results = buildResults(request, run.definitions, new KpiEvaluator(run.definitions, execution.store));
  const period = runPeriod(
    targets.map((target) => target.period),
    options,
  );
  return redactRun({ period, results, notices: execution.notices }, execution.secrets);
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
