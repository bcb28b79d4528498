import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue, StatementType } from "@duckdb/node-api";
import {
  type ConnectContext,
  type Connection,
  type Connector,
  duckdbDialect,
  optionalSourceSetting,
  type QueryOptions,
  type QueryParam,
  type Row,
  type SourceConfig,
  SourceError,
  substituteSourceEnv,
  toSourceError,
} from "@kpi-as-code/connection";
import { readRows } from "./duckdb-values.js";
import { parseTableFiles, sqlStringLiteral, type TableFile } from "./table-files.js";

const ATTACHED_DATABASE = "source_db";

interface ErrorContext {
  source: string | undefined;
  sourceType: "duckdb";
}

/**
 * Always an in-memory DuckDB: a `path` database is ATTACHed READ_ONLY, `tables`
 * files become views in memory, and then file access is narrowed to those
 * files' folders and the configuration locked. Only SELECT statements run.
 */
export const duckdbConnector: Connector = {
  type: "duckdb",
  dialect: duckdbDialect,
  async connect(config: SourceConfig, context: ConnectContext): Promise<Connection> {
    const errorContext: ErrorContext = { source: context.source, sourceType: "duckdb" };
    const databasePath = optionalSourceSetting(config, "path", context);
    const tableEntries = Object.entries((config.tables ?? {}) as Record<string, unknown>);
    const tables = parseTableFiles(
      Object.fromEntries(
        tableEntries.map(([name, file]) => [
          name,
          typeof file === "string" ? substituteSourceEnv(file, config, context) : file,
        ]),
      ),
      context.workspaceRoot,
      errorContext,
    );
    const absoluteDatabasePath = databasePath && path.resolve(context.workspaceRoot, databasePath);
    if (absoluteDatabasePath && !existsSync(absoluteDatabasePath)) {
      throw new SourceError({
        ...errorContext,
        kind: "not-found",
        detail: `no database file at ${absoluteDatabasePath}`,
      });
    }
    // Offline and self-contained: never download or load extensions behind the user's back.
    const instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    const connection = await instance.connect();
    try {
      await prepareDatabase(connection, absoluteDatabasePath, tables, errorContext);
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      if (error instanceof SourceError) throw error;
      throw toSourceError(error, { ...errorContext, kind: "not-found" });
    }
    return new DuckDBSourceConnection(instance, connection, context.source);
  },
};

async function prepareDatabase(
  connection: DuckDBConnection,
  databasePath: string | undefined,
  tables: TableFile[],
  errorContext: ErrorContext,
): Promise<void> {
  const searchPath = ["memory.main"];
  if (databasePath) {
    await connection.run(`ATTACH ${sqlStringLiteral(databasePath)} AS ${ATTACHED_DATABASE} (READ_ONLY)`);
    searchPath.push(`${ATTACHED_DATABASE}.main`);
  }
  for (const table of tables) {
    if (table.isGlob) await assertGlobMatches(connection, table, errorContext);
    const kind = loadsIntoMemory(table) ? "TABLE" : "VIEW";
    await connection.run(
      `CREATE ${kind} memory.main.${duckdbDialect.quoteIdentifier(table.name)} AS SELECT * FROM ${table.reader}(${sqlStringLiteral(table.absolutePattern)})`,
    );
  }
  await connection.run(`SET search_path = ${sqlStringLiteral(searchPath.join(","))}`);
  const readable = [...new Set(tables.map((table) => table.readableDirectory))];
  await connection.run(`SET allowed_directories = [${readable.map(sqlStringLiteral).join(", ")}]`);
  await connection.run("SET enable_external_access = false");
  await connection.run("SET lock_configuration = true");
}

/** CSV and JSON files up to this size are read once into memory when the source opens. */
const LOAD_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Whether a table is loaded into an in-memory table rather than read through a view. A view over
 * CSV or JSON parses and sniffs the text again for every query (a run asks several); Parquet is
 * columnar and read only in the columns and row groups a query needs, so it stays a view, as do
 * globs (whose size is not known up front) and large files.
 */
function loadsIntoMemory(table: TableFile): boolean {
  if (table.reader === "read_parquet" || table.isGlob) return false;
  return (statSync(table.absolutePattern, { throwIfNoEntry: false })?.size ?? Infinity) <= LOAD_MAX_BYTES;
}

async function assertGlobMatches(
  connection: DuckDBConnection,
  table: TableFile,
  errorContext: ErrorContext,
): Promise<void> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*) AS files FROM glob(${sqlStringLiteral(table.absolutePattern)})`,
  );
  if (Number(reader.getRowsJson()[0]?.[0] ?? 0) === 0) {
    throw new SourceError({
      ...errorContext,
      kind: "not-found",
      detail: `table "${table.name}" (${table.pattern}): no file matches ${table.absolutePattern}`,
    });
  }
}

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

  private async runQuery(sql: string, params: readonly QueryParam[], options: QueryOptions): Promise<Row[]> {
    const errorContext: ErrorContext = { source: this.source, sourceType: "duckdb" };
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const prepared = await this.connection.prepare(sql);
      if (prepared.statementType !== StatementType.SELECT) {
        prepared.destroySync();
        throw new SourceError({ ...errorContext, kind: "read-only", detail: "only SELECT queries may run" });
      }
      prepared.bind(params as DuckDBValue[]);
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          timedOut = true;
          this.connection.interrupt();
        }, options.timeoutMs);
      }
      const reader = await prepared.runAndReadAll();
      return readRows(reader);
    } catch (error) {
      if (timedOut) {
        throw new SourceError({
          ...errorContext,
          kind: "timeout",
          detail: `exceeded ${options.timeoutMs} ms`,
        });
      }
      throw toSourceError(error, { ...errorContext, kind: "query" });
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.queue;
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
