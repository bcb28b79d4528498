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
  },
  sqlite: {
    summary: "a SQLite database file",
    package: "@kpi-as-code/connector-sqlite",
    required: ["path"],
    tables: false,
  },
  postgres: {
    summary: "PostgreSQL and PostgreSQL-compatible warehouses",
    package: "@kpi-as-code/connector-postgres",
    required: ["url"],
    tables: false,
  },
  mysql: {
    summary: "MySQL and MariaDB",
    package: "@kpi-as-code/connector-mysql",
    required: ["url"],
    tables: false,
  },
  clickhouse: {
    summary: "ClickHouse over HTTP; a Distributed table reads every shard",
    package: "@kpi-as-code/connector-clickhouse",
    required: ["url"],
    tables: false,
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
}

export type SourceType = keyof typeof SOURCE_TYPES;

export const SOURCE_TYPE_NAMES = Object.keys(SOURCE_TYPES) as SourceType[];

export function isSourceType(value: unknown): value is SourceType {
  return typeof value === "string" && Object.hasOwn(SOURCE_TYPES, value);
}
