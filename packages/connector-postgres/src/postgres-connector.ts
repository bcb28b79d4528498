import {
  type ConnectContext,
  type Connection,
  type Connector,
  describeSql,
  postgresDialect,
  type QueryDescription,
  type QueryOptions,
  type QueryParam,
  QueryStuckError,
  type RolePrivileges,
  type Row,
  requireSourceSetting,
  rowFromRecord,
  type SourceConfig,
  SourceError,
  type SourceErrorKind,
  sourceOptions,
  toSourceError,
  urlSecrets,
  watchQuery,
} from "@kpi-as-code/connection";
import pg from "pg";
import { cancelBackend } from "./postgres-cancel.js";
import { readRolePrivileges } from "./postgres-privileges.js";
import { rowTypeParsers } from "./postgres-types.js";

const CONNECT_TIMEOUT_MS = 5_000;
// The server's statement_timeout acts first; the client cancels this much later if it did not.
const CLIENT_TIMEOUT_GRACE_MS = 1_000;
const QUERY_CANCELED = "57014";
const READ_ONLY_SQL_TRANSACTION = "25006";

/** PostgreSQL (`url`, `${env:...}` allowed). Every query runs in `BEGIN READ ONLY` … `ROLLBACK`. */
export const postgresConnector: Connector = {
  type: "postgres",
  dialect: postgresDialect,
  async connect(config: SourceConfig, context: ConnectContext): Promise<Connection> {
    const url = requireSourceSetting(config, "url", context);
    // `options:` are registry-checked (application_name, work_mem: patterns without spaces or quotes).
    const { application_name: applicationName, ...settings } = sourceOptions(config, context);
    const sessionSettings = Object.entries(settings).map(([name, value]) => ` -c ${name}=${value}`);
    const errorContext = { source: context.source, sourceType: "postgres", secrets: urlSecrets(url) };
    const pool = new pg.Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: 10_000,
      // Read-only by default too, so even a statement that ends the explicit transaction cannot write.
      // The session zone is UTC whatever the server's or the role's default, so period bounds
      // (UTC instants) mean the same on every server; a client option outranks ALTER ROLE SET.
      options: `${sessionSettings.join("")} -c default_transaction_read_only=on -c TimeZone=UTC`.trim(),
      application_name: String(applicationName ?? "kpi-as-code"),
      types: rowTypeParsers,
    });
    // An idle client losing its server must not crash the process; the next query reconnects or fails.
    pool.on("error", () => undefined);
    try {
      const client = await pool.connect();
      try {
        const privileges = await readRolePrivileges(client);
        return new PostgresConnection(pool, url, privileges, errorContext);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw toSourceError(error, { ...errorContext, kind: "connect" });
    }
  },
};

interface ErrorContext {
  source: string | undefined;
  sourceType: string;
  secrets: string[];
}

class PostgresConnection implements Connection {
  readonly type = "postgres";
  readonly dialect = postgresDialect;

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    readonly privileges: RolePrivileges,
    private readonly errorContext: ErrorContext,
  ) {}

  async query(sql: string, params: readonly QueryParam[], options: QueryOptions = {}): Promise<Row[]> {
    const result = await this.execute(sql, params, options);
    return result.rows.map(rowFromRecord);
  }

  /** The query under `LIMIT 0`: planned and checked by the server, its columns named, no row read. */
  async describe(
    sql: string,
    params: readonly QueryParam[],
    options: QueryOptions = {},
  ): Promise<QueryDescription> {
    const result = await this.execute(describeSql(sql), params, options);
    return { columns: result.fields.map((field) => field.name) };
  }

  private async execute(
    sql: string,
    params: readonly QueryParam[],
    options: QueryOptions,
  ): Promise<pg.QueryResult> {
    if (options.signal?.aborted) throw new SourceError({ ...this.errorContext, kind: "cancelled" });
    const client = await this.pool.connect().catch((error: unknown) => {
      throw toSourceError(error, { ...this.errorContext, kind: "connect" });
    });
    const pid = (client as unknown as { processID: number }).processID;
    const watch = watchQuery(options, CLIENT_TIMEOUT_GRACE_MS, () => cancelBackend(this.url, pid));
    let broken: Error | undefined;
    try {
      await client.query("BEGIN READ ONLY");
      if (options.timeoutMs !== undefined) {
        await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.ceil(options.timeoutMs))}`);
      }
      // Aborted while the client was being set up: the query is never sent.
      if (options.signal?.aborted) throw new SourceError({ ...this.errorContext, kind: "cancelled" });
      // The extended protocol takes exactly one statement, even without parameters.
      const running = client.query({
        text: sql,
        values: [...params],
        queryMode: "extended",
      } as pg.QueryConfig);
      return await Promise.race([running, watch.stuck]);
    } catch (error) {
      if (error instanceof QueryStuckError) broken = error;
      throw toSourceError(error, { ...this.errorContext, kind: watch.reason ?? errorKind(error) });
    } finally {
      await watch.stop();
      if (!broken) {
        await client.query("ROLLBACK").catch((error: Error) => {
          broken = error;
        });
      }
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function errorKind(error: unknown): SourceErrorKind {
  const code = (error as { code?: unknown }).code;
  if (code === QUERY_CANCELED) return "timeout";
  if (code === READ_ONLY_SQL_TRANSACTION) return "read-only";
  return "query";
}
