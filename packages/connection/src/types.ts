import type { SqlDialect } from "./dialect.js";

/** A value bound to a query placeholder. Dates travel as ISO strings ('YYYY-MM-DD'). */
export type QueryParam = string | number | null;

/**
 * One result row. Numbers are JS numbers whatever the engine's type (BIGINT,
 * DECIMAL, NUMERIC); dates are 'YYYY-MM-DD' and timestamps ISO strings.
 */
export type Row = Record<string, number | string | null>;

export interface QueryOptions {
  /**
   * Abort the query after this many milliseconds (the connection stays usable). Server engines
   * also get it as their own statement limit, and a query the client gives up on is cancelled
   * on the server.
   */
  timeoutMs?: number;
  /** Aborting it cancels the query, on the server too; the query fails with kind `cancelled`. */
  signal?: AbortSignal;
}

/**
 * What the connected role may do beyond reading tables, found at connect. `powers` names each
 * one (`superuser`, `pg_read_server_files`, `pg_execute_server_program`, `pg_write_server_files`,
 * `FILE`, `SUPER`): a role with any of them can read files of the server or run programs there.
 */
export interface RolePrivileges {
  role: string;
  powers: string[];
}

/** What a query would return, learnt without reading a row (`Connection.describe`). */
export interface QueryDescription {
  /** The names of its result's columns, in order. */
  columns: string[];
}

/** An open, read-only connection to one source. */
export interface Connection {
  readonly type: string;
  readonly dialect: SqlDialect;
  /** Set by server connectors (PostgreSQL, MySQL); embedded engines have no roles. */
  readonly privileges?: RolePrivileges;
  query(sql: string, params: readonly QueryParam[], options?: QueryOptions): Promise<Row[]>;
  /**
   * Compiles one SELECT and names its result's columns without reading data (a prepared statement,
   * or the query under `LIMIT 0`), with the same read-only guards and time limit as `query`. It
   * fails as `query` would on a missing table or column or bad SQL (`kpi validate --sources`).
   */
  describe?(sql: string, params: readonly QueryParam[], options?: QueryOptions): Promise<QueryDescription>;
  close(): Promise<void>;
}

/** A source's object from `kpi.yaml` (`sources.<id>`). */
export interface SourceConfig {
  type: string;
  path?: string;
  url?: string;
  tables?: Record<string, string>;
  [key: string]: unknown;
}

export interface ConnectContext {
  /** Folder of `kpi.yaml`; relative paths in the source config resolve against it. */
  workspaceRoot: string;
  /** Used for `${env:NAME}`; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The source's id in `kpi.yaml`, so errors can name it. */
  source?: string;
  /**
   * Folders outside the workspace that file-based sources may read (`--allow-path`). Never taken
   * from `kpi.yaml`: a repository must not widen its own sandbox. `KPI_ALLOW_PATHS` in `env` adds more.
   */
  allowPaths?: readonly string[];
}

/** Knows how to open connections for one `type:` of source. */
export interface Connector {
  readonly type: string;
  readonly dialect: SqlDialect;
  connect(config: SourceConfig, context: ConnectContext): Promise<Connection>;
}
