import path from "node:path";
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue, StatementType } from "@duckdb/node-api";
import {
  type ConnectContext,
  type Connection,
  type Connector,
  duckdbDialect,
  optionalSourceSetting,
  type QueryDescription,
  type QueryOptions,
  type QueryParam,
  type Row,
  readableRoots,
  type SourceConfig,
  SourceError,
  sourceOptions,
  substituteSourceEnv,
  toSourceError,
} from "@kpi-as-code/connection";
import { readRows } from "./duckdb-values.js";
import { prepareDatabase } from "./prepare-tables.js";
import { assertSandboxedQuery, SANDBOX_INSTANCE_OPTIONS } from "./sandbox.js";
import { parseTableFiles } from "./table-files.js";

interface ErrorContext {
  source: string | undefined;
  sourceType: "duckdb";
}

/**
 * Always an in-memory DuckDB: a `path` database is ATTACHed READ_ONLY, `tables` files become
 * tables or views in memory, and then the engine is locked down to the files the views read.
 * Files must lie inside the workspace or a folder the caller allowed (`allowPaths`,
 * KPI_ALLOW_PATHS). Only SELECT statements run, and none that reveals settings or the environment.
 */
export const duckdbConnector: Connector = {
  type: "duckdb",
  dialect: duckdbDialect,
  async connect(config: SourceConfig, context: ConnectContext): Promise<Connection> {
    const errorContext: ErrorContext = { source: context.source, sourceType: "duckdb" };
    const databasePath = optionalSourceSetting(config, "path", context);
    const tables = parseTableFiles(
      (config.tables ?? {}) as Record<string, unknown>,
      context.workspaceRoot,
      (text) => substituteSourceEnv(text, config, context),
      errorContext,
    );
    // Messages name the path as written: an expanded `${env:NAME}` must not reach an output.
    const database = databasePath
      ? { path: String(config.path), absolutePath: path.resolve(context.workspaceRoot, databasePath) }
      : undefined;
    // `options:` (registry-checked: threads, memory_limit) first, so the sandbox's settings always win.
    const options = Object.entries(sourceOptions(config, context)).map(([name, value]) => [
      name,
      String(value),
    ]);
    const instance = await DuckDBInstance.create(":memory:", {
      ...Object.fromEntries(options),
      ...SANDBOX_INSTANCE_OPTIONS,
    }).catch((error: unknown) => {
      // Only `options:` vary here: a value DuckDB refuses (e.g. too many threads) is a setting's fault.
      throw toSourceError(error, { ...errorContext, kind: "config" });
    });
    const connection = await instance.connect();
    try {
      await prepareDatabase(connection, database, tables, readableRoots(context), errorContext);
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      if (error instanceof SourceError) throw error;
      throw toSourceError(error, { ...errorContext, kind: "not-found" });
    }
    return new DuckDBSourceConnection(instance, connection, context.source);
  },
};

class DuckDBSourceConnection implements Connection {
  readonly type = "duckdb";
  readonly dialect = duckdbDialect;
  // One DuckDB connection serves every query in turn, so interrupt() can only hit the query that timed out.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly source: string | undefined,
  ) {}

  query(sql: string, params: readonly QueryParam[], options: QueryOptions = {}): Promise<Row[]> {
    const run = this.queue.then(() => this.runQuery(sql, params, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Prepares the statement (binding names and types, reading no file) and names its columns. */
  describe(sql: string): Promise<QueryDescription> {
    const run = this.queue.then(async () => {
      try {
        const prepared = await this.prepareSelect(sql);
        const columns = Array.from({ length: prepared.columnCount }, (_, index) =>
          prepared.columnName(index),
        );
        prepared.destroySync();
        return { columns };
      } catch (error) {
        throw toSourceError(error, { source: this.source, sourceType: "duckdb", kind: "query" });
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async prepareSelect(sql: string) {
    const errorContext: ErrorContext = { source: this.source, sourceType: "duckdb" };
    await assertSandboxedQuery(this.connection, sql, errorContext);
    const prepared = await this.connection.prepare(sql);
    if (prepared.statementType !== StatementType.SELECT) {
      prepared.destroySync();
      throw new SourceError({ ...errorContext, kind: "read-only", detail: "only SELECT queries may run" });
    }
    return prepared;
  }

  private async runQuery(sql: string, params: readonly QueryParam[], options: QueryOptions): Promise<Row[]> {
    const errorContext: ErrorContext = { source: this.source, sourceType: "duckdb" };
    let stopped: "timeout" | "cancelled" | undefined;
    let timer: NodeJS.Timeout | undefined;
    const stop = (why: "timeout" | "cancelled") => {
      stopped ??= why;
      this.connection.interrupt();
    };
    const onAbort = () => stop("cancelled");
    try {
      if (options.signal?.aborted) throw new SourceError({ ...errorContext, kind: "cancelled" });
      const prepared = await this.prepareSelect(sql);
      prepared.bind(params as DuckDBValue[]);
      if (options.timeoutMs !== undefined) timer = setTimeout(() => stop("timeout"), options.timeoutMs);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      // Aborted while the statement was prepared: it never runs.
      if (options.signal?.aborted) throw new SourceError({ ...errorContext, kind: "cancelled" });
      const reader = await prepared.runAndReadAll();
      return readRows(reader);
    } catch (error) {
      if (stopped === "timeout") {
        throw new SourceError({
          ...errorContext,
          kind: "timeout",
          detail: `exceeded ${options.timeoutMs} ms`,
        });
      }
      if (stopped === "cancelled") throw new SourceError({ ...errorContext, kind: "cancelled" });
      throw toSourceError(error, { ...errorContext, kind: "query" });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  async close(): Promise<void> {
    await this.queue;
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
