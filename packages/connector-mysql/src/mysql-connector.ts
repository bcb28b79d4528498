import {
  assertReadOnlyQuery,
  type ConnectContext,
  type Connection,
  type Connector,
  describeSql,
  mysqlDialect,
  type QueryDescription,
  type QueryOptions,
  type QueryParam,
  QueryStuckError,
  ReadOnlyViolationError,
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
import mysql from "mysql2/promise";
import { killQuery } from "./mysql-cancel.js";
import { readRolePrivileges } from "./mysql-privileges.js";
import { rowTypeCast } from "./mysql-types.js";

const CONNECT_TIMEOUT_MS = 5_000;
// If the server-side limit does not fire (lifted by the query itself), the client kills the query this much later.
const CLIENT_TIMEOUT_GRACE_MS = 1_000;
const READ_ONLY_ERRNO = 1792; // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
const TIMEOUT_ERRNOS = new Set([1969, 3024]); // MariaDB ER_STATEMENT_TIMEOUT, MySQL ER_QUERY_TIMEOUT

interface ErrorContext {
  source: string | undefined;
  sourceType: string;
  secrets: string[];
}

/** MySQL or MariaDB (`url`). Every query runs in `START TRANSACTION READ ONLY` … `ROLLBACK`. */
export const mysqlConnector: Connector = {
  type: "mysql",
  dialect: mysqlDialect,
  async connect(config: SourceConfig, context: ConnectContext): Promise<Connection> {
    const url = requireSourceSetting(config, "url", context);
    sourceOptions(config, context); // MySQL takes no `options:` yet: any is refused by name
    const errorContext: ErrorContext = {
      source: context.source,
      sourceType: "mysql",
      secrets: urlSecrets(url),
    };
    const pool = mysql.createPool({
      uri: url,
      connectionLimit: 4,
      connectTimeout: CONNECT_TIMEOUT_MS,
      multipleStatements: false,
      typeCast: rowTypeCast,
    });
    try {
      const [rows] = await pool.query<mysql.RowDataPacket[]>("SELECT VERSION() AS version");
      const isMariaDb = String(rows[0]?.version ?? "").includes("MariaDB");
      return new MysqlConnection(pool, url, isMariaDb, await readRolePrivileges(pool), errorContext);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw toSourceError(error, { ...errorContext, kind: "connect" });
    }
  },
};

class MysqlConnection implements Connection {
  readonly type = "mysql";
  readonly dialect = mysqlDialect;

  constructor(
    private readonly pool: mysql.Pool,
    private readonly url: string,
    private readonly isMariaDb: boolean,
    readonly privileges: RolePrivileges,
    private readonly errorContext: ErrorContext,
  ) {}

  async query(sql: string, params: readonly QueryParam[], options: QueryOptions = {}): Promise<Row[]> {
    const [rows] = await this.execute(sql, params, options);
    if (!Array.isArray(rows)) return [];
    return rows.map(rowFromRecord);
  }

  /** The query under `LIMIT 0` (which the server answers without reading rows), its columns named. */
  async describe(
    sql: string,
    params: readonly QueryParam[],
    options: QueryOptions = {},
  ): Promise<QueryDescription> {
    const [, fields] = await this.execute(describeSql(sql), params, options);
    return { columns: (fields ?? []).map((field) => field.name) };
  }

  private async execute(
    sql: string,
    params: readonly QueryParam[],
    options: QueryOptions,
  ): Promise<[mysql.RowDataPacket[], mysql.FieldPacket[]]> {
    // The server's read-only transaction does not stop `SELECT ... INTO OUTFILE`, nor an executable
    // comment lifting the statement limit: the text is checked here too, whoever calls.
    try {
      assertReadOnlyQuery(sql, mysqlDialect);
    } catch (error) {
      if (!(error instanceof ReadOnlyViolationError)) throw error;
      throw new SourceError({ ...this.errorContext, kind: "read-only", detail: error.message });
    }
    if (options.signal?.aborted) throw new SourceError({ ...this.errorContext, kind: "cancelled" });
    const connection = await this.pool.getConnection().catch((error: unknown) => {
      throw toSourceError(error, { ...this.errorContext, kind: "connect" });
    });
    const watch = watchQuery(options, CLIENT_TIMEOUT_GRACE_MS, () =>
      killQuery(this.url, connection.threadId),
    );
    let broken = false;
    try {
      // Set again before every query: the session default is what keeps DDL (which commits
      // the transaction implicitly) read-only, and an earlier statement may have changed it.
      await connection.query("SET SESSION TRANSACTION READ ONLY");
      await connection.query(this.statementTimeoutSql(options.timeoutMs));
      await connection.query("START TRANSACTION READ ONLY");
      const running = connection.query<mysql.RowDataPacket[]>({ sql, values: [...params] });
      return await Promise.race([running, watch.stuck]);
    } catch (error) {
      if (error instanceof QueryStuckError) broken = true;
      throw toSourceError(error, { ...this.errorContext, kind: watch.reason ?? errorKind(error) });
    } finally {
      await watch.stop();
      if (!broken) {
        await connection.query("ROLLBACK").catch(() => {
          broken = true;
        });
      }
      if (broken) connection.destroy();
      else connection.release();
    }
  }

  /**
   * MariaDB limits statements in seconds, MySQL (SELECT only) in milliseconds; 0 lifts the limit.
   * The session zone is set to UTC in the same statement, so period bounds (UTC instants) mean the
   * same whatever the server's default zone.
   */
  private statementTimeoutSql(timeoutMs: number | undefined): string {
    const ms = timeoutMs === undefined ? 0 : Math.max(1, Math.ceil(timeoutMs));
    return this.isMariaDb
      ? `SET SESSION max_statement_time = ${ms / 1000}, time_zone = '+00:00'`
      : `SET SESSION MAX_EXECUTION_TIME = ${ms}, time_zone = '+00:00'`;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function errorKind(error: unknown): SourceErrorKind {
  const { errno, code } = error as { errno?: unknown; code?: unknown };
  if (errno === READ_ONLY_ERRNO) return "read-only";
  if ((typeof errno === "number" && TIMEOUT_ERRNOS.has(errno)) || code === "PROTOCOL_SEQUENCE_TIMEOUT") {
    return "timeout";
  }
  return "query";
}
