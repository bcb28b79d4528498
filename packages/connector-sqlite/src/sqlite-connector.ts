import type { ChildProcess } from "node:child_process";
import path from "node:path";
import {
  type ConnectContext,
  type Connection,
  type Connector,
  checkReadableFile,
  fileRefusalText,
  type QueryDescription,
  type QueryOptions,
  type QueryParam,
  type Row,
  readableRoots,
  requireSourceSetting,
  rowFromRecord,
  type SourceConfig,
  SourceError,
  sourceOptions,
  sqliteDialect,
  toSourceError,
} from "@kpi-as-code/connection";
import { type QueryReply, startQueryProcess } from "./query-process.js";

/** A SQLite file (`path`, relative to the workspace) opened read-only with `query_only`. */
export const sqliteConnector: Connector = {
  type: "sqlite",
  dialect: sqliteDialect,
  async connect(config: SourceConfig, context: ConnectContext): Promise<Connection> {
    const written = requireSourceSetting(config, "path", context);
    sourceOptions(config, context); // SQLite takes no `options:`: any is refused by name
    const errorContext = { source: context.source, sourceType: "sqlite" };
    // The same boundary as DuckDB's table files: inside the workspace (or an allowed folder), no
    // hidden folder, a regular file, links resolved; checked before SQLite opens anything.
    const checked = checkReadableFile(path.resolve(context.workspaceRoot, written), readableRoots(context));
    if ("refused" in checked) {
      const detail = `path "${written}": ${fileRefusalText[checked.refused]}`;
      const kind = checked.refused === "missing" ? "not-found" : "config";
      throw new SourceError({ kind, source: context.source, sourceType: "sqlite", detail });
    }
    const file = checked.realPath;
    try {
      return new SqliteConnection(file, await startQueryProcess(file), context.source);
    } catch (error) {
      const missing = (error as { code?: string }).code === "SQLITE_CANTOPEN";
      throw toSourceError(error, { ...errorContext, kind: missing ? "not-found" : "connect" });
    }
  },
};

class SqliteConnection implements Connection {
  readonly type = "sqlite";
  readonly dialect = sqliteDialect;
  private child: ChildProcess | undefined;
  private nextId = 1;
  // One query at a time: killing the process on a timeout must not take other queries with it.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    child: ChildProcess,
    private readonly source: string | undefined,
  ) {
    this.child = child;
  }

  async query(sql: string, params: readonly QueryParam[], options: QueryOptions = {}): Promise<Row[]> {
    const reply = await this.enqueue(sql, params, options, false);
    return "rows" in reply ? reply.rows.map(rowFromRecord) : [];
  }

  async describe(
    sql: string,
    params: readonly QueryParam[],
    options: QueryOptions = {},
  ): Promise<QueryDescription> {
    const reply = await this.enqueue(sql, params, options, true);
    return { columns: "columns" in reply ? reply.columns : [] };
  }

  private enqueue(
    sql: string,
    params: readonly QueryParam[],
    options: QueryOptions,
    describe: boolean,
  ): Promise<QueryReply> {
    const run = this.queue.then(() => this.runQuery(sql, params, options, describe));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runQuery(
    sql: string,
    params: readonly QueryParam[],
    options: QueryOptions,
    describe: boolean,
  ): Promise<QueryReply> {
    const errorContext = { source: this.source, sourceType: "sqlite" };
    if (options.signal?.aborted) throw new SourceError({ ...errorContext, kind: "cancelled" });
    this.child ??= await startQueryProcess(this.file).catch((error: unknown) => {
      throw toSourceError(error, { ...errorContext, kind: "connect" });
    });
    const child = this.child;
    const id = this.nextId++;
    const reply = await new Promise<QueryReply | "timeout" | "cancelled">((resolve, reject) => {
      const settle = (settleWith: () => void) => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        child.off("message", onMessage).off("error", onError).off("exit", onExit);
        settleWith();
      };
      const onAbort = () => settle(() => resolve("cancelled"));
      const onMessage = (message: unknown) => {
        if ((message as QueryReply).id === id) settle(() => resolve(message as QueryReply));
      };
      const onError = (error: Error) => settle(() => reject(error));
      const onExit = () => settle(() => reject(new Error("the SQLite query process stopped unexpectedly")));
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => settle(() => resolve("timeout")), options.timeoutMs);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      child.on("message", onMessage).on("error", onError).on("exit", onExit);
      child.send({ id, sql, params, describe });
    }).catch((error: unknown) => {
      this.child = undefined;
      child.kill("SIGKILL");
      throw toSourceError(error, { ...errorContext, kind: "query" });
    });
    if (reply === "timeout" || reply === "cancelled") {
      // better-sqlite3 cannot interrupt a query: kill its process and start a fresh one next time.
      this.child = undefined;
      child.kill("SIGKILL");
      const detail = reply === "timeout" ? `exceeded ${options.timeoutMs} ms` : undefined;
      throw new SourceError({ ...errorContext, kind: reply, detail });
    }
    if ("error" in reply) {
      throw new SourceError({
        ...errorContext,
        ...reply.error,
        detail: reply.error.message,
        engineCode: reply.error.code,
      });
    }
    return reply;
  }

  async close(): Promise<void> {
    await this.queue;
    this.child?.kill();
    this.child = undefined;
  }
}
