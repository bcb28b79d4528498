import type { SourceConfig } from "@kpi-as-code/connection";
import type { Workspace } from "@kpi-as-code/core";
import type { CompiledQuery } from "../compile/compile-workspace.js";
import type { RunNotice } from "../types.js";
import { failureText } from "./failure-text.js";
import { openSource } from "./open-source.js";
import { sourceTimeoutMs } from "./query-timeout.js";
import { newBudget, runCompiledQuery } from "./run-batch.js";
import { SlotStore } from "./slot-store.js";
import { checkSourceEnv } from "./source-env.js";

export interface ExecuteOptions {
  root: string;
  env?: NodeJS.ProcessEnv;
  /** The run's limit per query; else each source's `timeout`, else DEFAULT_QUERY_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Cancels every query in flight, on the server too. */
  signal?: AbortSignal;
  /** Untrusted KPI files: engine texts become error codes, env only in connection settings, no privileged roles. */
  untrusted?: boolean;
  /** Folders outside the workspace that file-based sources may read (never from kpi.yaml). */
  allowPaths?: readonly string[];
  /** Called after each query, with how many of all queries are done. */
  onQueryDone?: (query: CompiledQuery) => void;
}

export interface Execution {
  store: SlotStore;
  notices: RunNotice[];
  /** Texts every output of the run must not carry (passwords; in an untrusted run, expanded env values). */
  secrets: string[];
}

/**
 * Runs compiled queries: each source opened once, sources in parallel, the queries of one source one
 * after another. Never throws for a source problem: the failure lands in the slots of the queries it
 * hit, and what concerns a whole source (a missing variable, a privileged role) becomes one notice.
 */
export async function runQueries(
  workspace: Workspace,
  queries: readonly CompiledQuery[],
  options: ExecuteOptions,
): Promise<Execution> {
  const execution: Execution = { store: new SlotStore(), notices: [], secrets: [] };
  const bySource = new Map<string, CompiledQuery[]>();
  for (const query of queries) bySource.set(query.source, [...(bySource.get(query.source) ?? []), query]);
  await Promise.all(
    [...bySource].map(([source, sourceQueries]) =>
      runSourceQueries(workspace, source, sourceQueries, execution, options),
    ),
  );
  return execution;
}

async function runSourceQueries(
  workspace: Workspace,
  source: string,
  queries: CompiledQuery[],
  execution: Execution,
  options: ExecuteOptions,
): Promise<void> {
  const config = workspace.sources[source] as SourceConfig;
  const env = options.env ?? process.env;
  const untrusted = options.untrusted === true;
  const kpis = [...new Set(queries.flatMap(queryKpis))].sort();
  const failAll = (message: string) => {
    for (const query of queries) {
      for (const slot of querySlots(query)) execution.store.set(slot, { kind: "error", message });
      options.onQueryDone?.(query);
    }
  };
  const sourceEnv = checkSourceEnv(source, config, env, untrusted);
  execution.secrets.push(...sourceEnv.secrets);
  const problem = sourceEnv.problem;
  if (problem) {
    const base = { severity: "error" as const, source, kpis, message: problem.error.message };
    execution.notices.push(
      problem.code === "source/env-missing"
        ? { ...base, code: problem.code, variables: problem.variables }
        : { ...base, code: problem.code, settings: problem.settings },
    );
    failAll(problem.error.message);
    return;
  }
  const opened = await openSource(source, config, kpis, {
    root: options.root,
    env,
    untrusted,
    ...(options.allowPaths ? { allowPaths: options.allowPaths } : {}),
  });
  if (opened.notice) execution.notices.push(opened.notice);
  if ("failure" in opened) {
    failAll(opened.failure);
    return;
  }
  const context = {
    connection: opened.connection,
    source,
    store: execution.store,
    timeoutMs: sourceTimeoutMs(config, options.timeoutMs, untrusted),
    signal: options.signal,
    untrusted,
    budget: newBudget(),
  };
  try {
    for (const query of queries) {
      // A bug in reading one query's results must fail that query's KPIs, not the whole run.
      await runCompiledQuery(query, context).catch((error: unknown) => {
        const message = failureText(error, { kind: "query", source, sourceType: config.type, untrusted });
        for (const slot of querySlots(query)) execution.store.set(slot, { kind: "error", message });
      });
      options.onQueryDone?.(query);
    }
  } finally {
    await opened.connection.close().catch(() => undefined);
  }
}

function querySlots(query: CompiledQuery): string[] {
  return query.plan.kind === "aggregate" ? query.plan.slots.map((slot) => slot.slot) : [query.plan.slot.slot];
}

function queryKpis(query: CompiledQuery): string[] {
  return query.plan.kind === "aggregate" ? query.plan.slots.map((slot) => slot.kpi) : [query.plan.slot.kpi];
}
