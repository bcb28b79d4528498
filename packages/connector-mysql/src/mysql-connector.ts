import {
  type ConnectContext,
  type Connection,
  type Connector,
  mysqlDialect,
  type QueryOptions,
  type QueryParam,
  type Row,
  requireSourceSetting,
  type SourceConfig,
  type SourceErrorKind,
  toRowValue,
  toSourceError,
  urlSecrets,
} from "@kpi-as-code/connection";
import mysql from "mysql2/promise";
import { rowTypeCast } from "./mysql-types.js";

const CONNECT_TIMEOUT_MS = 5_000;
// If the server-side limit does not fire (a stuck network), the client gives up this much later.
const CLIENT_TIMEOUT_GRACE_MS = 2_000;
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
      return new MysqlConnection(pool, isMariaDb, errorContext);
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
    private readonly isMariaDb: boolean,
    private readonly errorContext: ErrorContext,
  ) {}

  async query(sql: string, params: readonly QueryParam[], options: QueryOptions = {}): Promise<Row[]> {
    const connection = await this.pool.getConnection().catch((error: unknown) => {
      throw toSourceError(error, { ...this.errorContext, kind: "connect" });
    });
    let broken = false;
    try {
      // Set again before every query: the session default is what keeps DDL (which commits
      // the transaction implicitly) read-only, and an earlier statement may have changed it.
      await connection.query("SET SESSION TRANSACTION READ ONLY");
      await connection.query(this.statementTimeoutSql(options.timeoutMs));
      await connection.query("START TRANSACTION READ ONLY");
      const [rows] = await connection.query<mysql.RowDataPacket[]>({
        sql,
        values: [...params],
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs + CLIENT_TIMEOUT_GRACE_MS }),
      });
      if (!Array.isArray(rows)) return [];
      return rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([column, value]) => [column, toRowValue(value)])),
      );
    } catch (error) {
      throw toSourceError(error, { ...this.errorContext, kind: errorKind(error) });
    } finally {
      await connection.query("ROLLBACK").catch(() => {
        broken = true;
      });
      if (broken) connection.destroy();
      else connection.release();
    }
  }

  /** MariaDB limits statements in seconds, MySQL (SELECT only) in milliseconds; 0 lifts the limit. */
  private statementTimeoutSql(timeoutMs: number | undefined): string {
    const ms = timeoutMs === undefined ? 0 : Math.max(1, Math.ceil(timeoutMs));
    return this.isMariaDb
      ? `SET SESSION max_statement_time = ${ms / 1000}`
      : `SET SESSION MAX_EXECUTION_TIME = ${ms}`;
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
