import { lstatSync, statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import {
  checkReadableFile,
  duckdbDialect,
  type FileRefusal,
  fileRefusalText,
  isReadableFolder,
  SourceError,
  type SourceErrorInit,
} from "@kpi-as-code/connection";
import { assertSandboxedDefinitions, lockDownStatements, runLockedDown } from "./sandbox.js";
import { sqlStringLiteral, type TableFile } from "./table-files.js";

const ATTACHED_DATABASE = "source_db";

/** CSV and JSON files up to this size are read once into memory when the source opens. */
const LOAD_MAX_BYTES = 64 * 1024 * 1024;

type ErrorContext = Pick<SourceErrorInit, "source" | "sourceType">;

export interface DatabaseFile {
  /** As written in kpi.yaml: what messages name. */
  path: string;
  absolutePath: string;
}

/**
 * Attaches the database file READ_ONLY, exposes each table file, then locks the engine down to
 * exactly the files the views still read. Every file is checked (inside a readable root, a regular
 * file) before DuckDB opens it, so a refused file is never read.
 */
export async function prepareDatabase(
  connection: DuckDBConnection,
  database: DatabaseFile | undefined,
  tables: readonly TableFile[],
  roots: readonly string[],
  errorContext: ErrorContext,
): Promise<void> {
  const refuse = (subject: string, refusal: FileRefusal) =>
    new SourceError({
      ...errorContext,
      kind: refusal === "missing" ? "not-found" : "config",
      detail: `${subject}: ${fileRefusalText[refusal]}`,
    });
  const searchPath = ["memory.main"];
  if (database) {
    const checked = checkReadableFile(database.absolutePath, roots);
    if ("refused" in checked) throw refuse(`the database file (${database.path})`, checked.refused);
    // DuckDB replays a write-ahead log beside the file: a committed `.wal` symlink must not lead out.
    const wal = `${checked.realPath}.wal`;
    if (lstatSync(wal, { throwIfNoEntry: false })) {
      const checkedWal = checkReadableFile(wal, roots);
      if ("refused" in checkedWal)
        throw refuse(`the database file's log (${database.path}.wal)`, checkedWal.refused);
    }
    await connection.run(`ATTACH ${sqlStringLiteral(checked.realPath)} AS ${ATTACHED_DATABASE} (READ_ONLY)`);
    await assertSandboxedDefinitions(
      connection,
      ATTACHED_DATABASE,
      (detail) =>
        new SourceError({
          ...errorContext,
          kind: "config",
          detail: `the database file (${database.path}): ${detail}`,
        }),
    );
    searchPath.push(`${ATTACHED_DATABASE}.main`);
  }
  // Every file is checked first; then the tables, the search path and the lock-down run as one
  // batch (one round trip; DuckDB stops at the first failing statement).
  const viewFiles: string[] = [];
  const statements: string[] = [];
  for (const table of tables) {
    const subject = `table "${table.name}" (${table.pattern})`;
    const files = await tableFiles(connection, table, roots, (refusal, file) =>
      refuse(file ? `${subject}, file ${file}` : subject, refusal),
    );
    const inMemory = loadsIntoMemory(table, files);
    if (!inMemory) viewFiles.push(...files);
    const argument =
      files.length === 1
        ? sqlStringLiteral(files[0] as string)
        : `[${files.map(sqlStringLiteral).join(", ")}]`;
    statements.push(
      `CREATE ${inMemory ? "TABLE" : "VIEW"} memory.main.${duckdbDialect.quoteIdentifier(table.name)} AS SELECT * FROM ${table.reader}(${argument})`,
    );
  }
  // A view's Parquet footer is read when the view is created, again when each query is prepared and
  // when it runs; kept in memory (checked against the file's modification time) it is read once.
  if (tables.some((table) => table.reader === "read_parquet"))
    statements.unshift("SET parquet_metadata_cache = true");
  statements.push(`SET search_path = ${sqlStringLiteral(searchPath.join(","))}`);
  await runLockedDown(connection, [...statements, ...lockDownStatements([...new Set(viewFiles)])]);
}

/** The real paths of a table's files: the one file, or every file its glob matches, each checked. */
async function tableFiles(
  connection: DuckDBConnection,
  table: TableFile,
  roots: readonly string[],
  refuse: (refusal: FileRefusal, file?: string) => SourceError,
): Promise<string[]> {
  if (!table.isGlob) {
    const checked = checkReadableFile(table.absolutePattern, roots);
    if ("refused" in checked) throw refuse(checked.refused);
    return [checked.realPath];
  }
  // The glob's fixed folder first: a pattern that starts outside is refused before anything is listed.
  if (!isReadableFolder(table.baseDirectory, roots)) throw refuse("outside");
  const reader = await connection.runAndReadAll(
    `SELECT file FROM glob(${sqlStringLiteral(table.absolutePattern)})`,
  );
  const matched = reader.getRowsJson().map((row) => String(row[0]));
  if (matched.length === 0) throw refuse("missing");
  return matched.sort().map((file) => {
    const checked = checkReadableFile(file, roots);
    if ("refused" in checked) throw refuse(checked.refused, file.slice(table.baseDirectory.length));
    return checked.realPath;
  });
}

/**
 * Whether a table is loaded into an in-memory table rather than read through a view. A view over
 * CSV or JSON parses and sniffs the text again for every query (a run asks several); Parquet is
 * columnar and read only in the columns and row groups a query needs, so it stays a view, as do
 * globs (whose size is not known up front) and large files.
 */
function loadsIntoMemory(table: TableFile, files: readonly string[]): boolean {
  if (table.reader === "read_parquet" || table.isGlob || files.length !== 1) return false;
  return (statSync(files[0] as string, { throwIfNoEntry: false })?.size ?? Infinity) <= LOAD_MAX_BYTES;
}
