/**
 * The one registry of source types: the schema of `sources` in kpi.yaml, the runner's connector
 * loading, the dialects (keyed by these names, so a missing one is a type error) and the docs all
 * read it. Adding an engine is an entry here plus its own dialect file and connector package.
 */
export const SOURCE_TYPES = {
  duckdb: {
    summary: "embedded, the default; reads CSV/Parquet/JSON files as tables",
    package: "@kpi-as-code/connector-duckdb",
    required: [],
    tables: true,
    options: {
      threads: { summary: "worker threads of the engine", type: "integer" },
      memory_limit: {
        summary: "the engine's memory limit, e.g. `2GB`",
        type: "string",
        pattern: "^[0-9]+(\\.[0-9]+)? ?([KMGT]i?B|[KMGT]B)$",
      },
    },
  },
  sqlite: {
    summary: "a SQLite database file",
    package: "@kpi-as-code/connector-sqlite",
    required: ["path"],
    tables: false,
    options: {},
  },
  postgres: {
    summary: "PostgreSQL and PostgreSQL-compatible warehouses",
    package: "@kpi-as-code/connector-postgres",
    required: ["url"],
    tables: false,
    options: {
      application_name: {
        summary: "the name the server shows for the connection (pg_stat_activity)",
        type: "string",
        pattern: "^[A-Za-z0-9_. -]{1,63}$",
      },
      work_mem: {
        summary: "memory per sort or hash, e.g. `64MB`",
        type: "string",
        pattern: "^[0-9]+(kB|MB|GB)$",
      },
    },
  },
  mysql: {
    summary: "MySQL and MariaDB",
    package: "@kpi-as-code/connector-mysql",
    required: ["url"],
    tables: false,
    options: {},
  },
  clickhouse: {
    summary: "ClickHouse over HTTP; a Distributed table reads every shard",
    package: "@kpi-as-code/connector-clickhouse",
    required: ["url"],
    tables: false,
    options: {
      max_threads: { summary: "threads per query", type: "integer" },
      max_memory_usage: { summary: "bytes of memory per query", type: "integer" },
      max_rows_to_read: { summary: "rows a query may read before it fails", type: "integer" },
    },
  },
} as const satisfies Record<string, SourceTypeInfo>;

export interface SourceTypeInfo {
  /** One line for docs and hovers. */
  summary: string;
  /** The npm package of its connector. */
  package: string;
  /** Fields a source of this type must have. */
  required: readonly ("path" | "url")[];
  /** Whether it exposes files as tables (`tables:`). */
  tables: boolean;
  /**
   * Engine settings a source may set in `options:` (an allow-list: a setting that could lift the
   * sandbox or read-only mode, such as DuckDB's enable_external_access, is never here). Integers are
   * at least 1; strings match `pattern`, since connectors hand them to the engine's session.
   */
  options: Readonly<Record<string, SourceOptionInfo>>;
}

export interface SourceOptionInfo {
  summary: string;
  type: "integer" | "string";
  pattern?: string;
}

export type SourceType = keyof typeof SOURCE_TYPES;

export const SOURCE_TYPE_NAMES = Object.keys(SOURCE_TYPES) as SourceType[];

export function isSourceType(value: unknown): value is SourceType {
  return typeof value === "string" && Object.hasOwn(SOURCE_TYPES, value);
}
