import {
  type Connection,
  getConnector,
  redactSecrets,
  type SourceConfig,
  substituteEnvDeep,
  toSourceError,
  urlSecrets,
} from "@kpi-as-code/connection";
import type { Workspace } from "@kpi-as-code/core";
import type { CompiledQuery } from "../compile/compile-workspace.js";
import { storeAggregateRows, storeSqlMeasureRows } from "./read-results.js";
import { SlotStore } from "./slot-store.js";

export interface ExecuteOptions {
  root: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Called after each query, with how many of all queries are done. */
  onQueryDone?: (query: CompiledQuery) => void;
}

/**
 * Runs compiled queries: each source opened once, sources in parallel, the
 * queries of one source one after another. Never throws for a source problem:
 * the failure lands in the slots of the queries it hit.
 */
export async function runQueries(
  workspace: Workspace,
  queries: readonly CompiledQuery[],
  options: ExecuteOptions,
): Promise<SlotStore> {
  const store = new SlotStore();
  const bySource = new Map<string, CompiledQuery[]>();
  for (const query of queries) bySource.set(query.source, [...(bySource.get(query.source) ?? []), query]);
  await Promise.all(
    [...bySource].map(([source, sourceQueries]) =>
      runSourceQueries(workspace, source, sourceQueries, store, options),
    ),
  );
  return store;
}

async function runSourceQueries(
  workspace: Workspace,
  source: string,
  queries: CompiledQuery[],
  store: SlotStore,
  options: ExecuteOptions,
): Promise<void> {
  const config = workspace.sources[source] as SourceConfig;
  const secrets = sourceSecrets(config, options.env);
  const fail = (query: CompiledQuery, message: string): void => {
    const redacted = redactSecrets(message, secrets);
    const slots = query.plan.kind === "aggregate" ? query.plan.slots : [query.plan.slot];
    for (const slot of slots) store.set(slot.slot, { kind: "error", message: redacted });
  };
  const connector = getConnector(config.type);
  let connection: Connection | undefined;
  try {
    if (!connector) throw new Error(`no connector is registered for type "${config.type}"`);
    connection = await connector.connect(config, {
      workspaceRoot: options.root,
      source,
      ...(options.env ? { env: options.env } : {}),
    });
  } catch (error) {
    const message = toSourceError(error, { kind: "connect", source, sourceType: config.type }).message;
    for (const query of queries) {
      fail(query, message);
      options.onQueryDone?.(query);
    }
    return;
  }
  try {
    for (const query of queries) {
      await runOne(connection, query, store, fail, options);
      options.onQueryDone?.(query);
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
}

async function runOne(
  connection: Connection,
  query: CompiledQuery,
  store: SlotStore,
  fail: (query: CompiledQuery, message: string) => void,
  options: ExecuteOptions,
): Promise<void> {
  const sourceLabel = `Source "${query.source}" (${connection.type})`;
  if ("error" in query.statement) {
    fail(query, `${sourceLabel}: ${query.statement.error}`);
    return;
  }
  try {
    const queryOptions = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
    const rows = await connection.query(query.statement.sql, query.statement.params, queryOptions);
    if (query.plan.kind === "aggregate") storeAggregateRows(query.plan, rows, store);
    else storeSqlMeasureRows(query.plan, rows, store, sourceLabel);
  } catch (error) {
    fail(
      query,
      toSourceError(error, { kind: "query", source: query.source, sourceType: connection.type }).message,
    );
  }
}

/** The source's passwords, so an engine message that echoes its URL cannot leak them. */
function sourceSecrets(config: SourceConfig, env: NodeJS.ProcessEnv | undefined): string[] {
  try {
    const resolved = substituteEnvDeep(config, env ?? process.env);
    return typeof resolved.url === "string" ? urlSecrets(resolved.url) : [];
  } catch {
    return [];
  }
}
