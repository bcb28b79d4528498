import type { DuckDBConnection, DuckDBPreparedStatement } from "@duckdb/node-api";
import { SourceError, type SourceErrorInit } from "@kpi-as-code/connection";
import { sqlStringLiteral } from "./table-files.js";

/**
 * Settings the instance starts with. Nothing is installed or loaded behind the user's back; no
 * temp folder (DuckDB would spill into `.tmp` under the current folder, often the checkout) and a
 * home folder that does not exist, so no setting a query might see holds the real home path.
 */
export const SANDBOX_INSTANCE_OPTIONS: Record<string, string> = {
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
  allow_community_extensions: "false",
  allow_persistent_secrets: "false",
  temp_directory: "",
  home_directory: "/nonexistent",
};

/**
 * The statements that lock the engine down once the tables are set up: it may then read exactly the
 * given files and nothing else (no other file, no network, no extension), and no query can undo that.
 * Each is a plain `SET` with no parameter, so callers run them in one batch (`runLockedDown`).
 */
export function lockDownStatements(readableFiles: readonly string[]): string[] {
  return [
    ...(readableFiles.length > 0
      ? [`SET allowed_paths = [${readableFiles.map(sqlStringLiteral).join(", ")}]`]
      : []),
    "SET enable_external_access = false",
    "SET lock_configuration = true",
  ];
}

/**
 * Runs `statements` (setup, ending with lockDownStatements) as one batch, the session's time zone
 * set to UTC first: period bounds are UTC instants, so timestamps with a zone must be read in UTC
 * whatever the machine's zone. One round trip instead of one per statement (measured: ~1-2 ms of a
 * source's opening). DuckDB runs a batch in order and stops at the first failure, so if `SET
 * TimeZone` fails (only the built-in ICU extension knows session zones; without it DuckDB has none)
 * nothing else has run yet and the batch runs again without it; any other failure is thrown.
 */
export async function runLockedDown(
  connection: DuckDBConnection,
  statements: readonly string[],
): Promise<void> {
  try {
    await connection.run(["SET TimeZone = 'UTC'", ...statements].join(";\n"));
  } catch (error) {
    if (await icuLoaded(connection)) throw error;
    await connection.run(statements.join(";\n"));
  }
}

async function icuLoaded(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    "SELECT count(*) FROM duckdb_extensions() WHERE extension_name = 'icu' AND loaded",
  );
  return Number(reader.getRowsJson()[0]?.[0] ?? 0) > 0;
}

/**
 * Functions and views a KPI's SQL may not name: they reveal settings (paths, the home folder), the
 * environment, attached databases, extensions or secrets, or run SQL built from a string (`query`),
 * which would hide the call from this check. File readers need no entry: the engine refuses every
 * file but the declared tables.
 */
const DENIED_NAMES = new Set([
  "current_setting",
  "duckdb_settings",
  "pg_settings",
  "getenv",
  "duckdb_extensions",
  "duckdb_databases",
  "duckdb_secrets",
  "duckdb_secret_types",
  "which_secret",
  "duckdb_temporary_files",
  "duckdb_logs",
  "duckdb_log_contexts",
  "query",
  "query_table",
]);
const DENIED_PREFIX = "pragma_";

type ErrorContext = Pick<SourceErrorInit, "source" | "sourceType">;

/**
 * A view or macro stored in an attached database file runs inside a query without its text
 * passing through assertSandboxedQuery, so the file's definitions are checked when it is attached.
 * DuckDB stores them re-rendered from its own parse (lower-case names, no comments), so a word
 * match finds a denied name; a false match only refuses the file, with a message naming it.
 */
export async function assertSandboxedDefinitions(
  connection: DuckDBConnection,
  database: string,
  refuse: (detail: string) => SourceError,
): Promise<void> {
  const reader = await connection.runAndReadAll(
    `SELECT 'view ' || schema_name || '.' || view_name, sql FROM duckdb_views() WHERE database_name = ${sqlStringLiteral(database)}
     UNION ALL
     SELECT 'macro ' || schema_name || '.' || function_name, macro_definition FROM duckdb_functions()
     WHERE database_name = ${sqlStringLiteral(database)} AND macro_definition IS NOT NULL`,
  );
  for (const [what, body] of reader.getRowsJson()) {
    const denied = deniedNameInText(String(body ?? ""));
    if (denied) throw refuse(`its ${String(what)} uses ${denied}, which KPI queries may not use`);
  }
}

function deniedNameInText(text: string): string | undefined {
  const lower = text.toLowerCase();
  for (const name of DENIED_NAMES) {
    // `query` is also a common column name: only a call counts.
    const pattern = name.startsWith("query") ? new RegExp(`\\b${name}\\s*\\(`) : new RegExp(`\\b${name}\\b`);
    if (pattern.test(lower)) return name;
  }
  return new RegExp(`\\b${DENIED_PREFIX}\\w+`).exec(lower)?.[0];
}

/**
 * Refuses a query that calls a denied function or reads a denied view. DuckDB's own parser reads
 * the query (`json_serialize_sql`), so quoting, casing and comments cannot hide a name.
 */
export async function assertSandboxedQuery(
  connection: DuckDBConnection,
  sql: string,
  errorContext: ErrorContext,
): Promise<void> {
  const prepared = await serializer(connection);
  prepared.bind([sql]);
  const text = (await prepared.runAndReadAll()).getRowsJson()[0]?.[0];
  const tree = JSON.parse(String(text)) as { error?: boolean; error_type?: string };
  // A syntax error is left to prepare, which reports it with the engine's own position.
  if (tree.error && tree.error_type === "parser") return;
  // Anything else that cannot be serialized is not a plain SELECT (PIVOT statements, SET, COPY).
  const denied = tree.error ? "a statement other than SELECT" : deniedName(tree);
  if (denied) {
    throw new SourceError({
      ...errorContext,
      kind: "read-only",
      detail: `${denied} is not available to KPI queries (only SELECT; nothing that reveals settings, paths or the environment)`,
    });
  }
}

/**
 * The `json_serialize_sql` statement, prepared once per connection (a prepare per query cost
 * ~0.3 ms) and destroyed with it. A connection runs one query at a time (the connector queues
 * them), so the statement is never bound for two queries at once.
 */
const serializers = new WeakMap<DuckDBConnection, Promise<DuckDBPreparedStatement>>();

function serializer(connection: DuckDBConnection): Promise<DuckDBPreparedStatement> {
  let prepared = serializers.get(connection);
  if (!prepared) {
    prepared = connection.prepare("SELECT json_serialize_sql($1::VARCHAR) AS tree");
    serializers.set(connection, prepared);
    prepared.catch(() => serializers.delete(connection));
  }
  return prepared;
}

function deniedName(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = deniedName(item);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof node !== "object" || node === null) return undefined;
  const record = node as Record<string, unknown>;
  for (const key of ["function_name", "table_name"]) {
    const name = record[key];
    if (typeof name === "string" && isDenied(name)) return name;
  }
  for (const value of Object.values(record)) {
    const found = deniedName(value);
    if (found) return found;
  }
  return undefined;
}

function isDenied(name: string): boolean {
  const lower = name.toLowerCase();
  return DENIED_NAMES.has(lower) || lower.startsWith(DENIED_PREFIX);
}
