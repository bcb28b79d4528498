import path from "node:path";
import { assertIdentifier, SourceError, type SourceErrorInit } from "@kpi-as-code/connection";

/** One `tables:` entry: a view name and the file (or glob) it reads, resolved against the workspace. */
export interface TableFile {
  name: string;
  /** As written in kpi.yaml (before `${env:NAME}`): what messages quote. */
  pattern: string;
  absolutePattern: string;
  reader: "read_csv_auto" | "read_parquet" | "read_json_auto";
  isGlob: boolean;
  /** The deepest folder without glob characters: a glob lists files below it only. */
  baseDirectory: string;
}

const READERS: ReadonlyArray<[RegExp, TableFile["reader"]]> = [
  [/\.(csv|tsv|txt)(\.gz|\.zst)?$/i, "read_csv_auto"],
  [/\.parquet$/i, "read_parquet"],
  [/\.(json|jsonl|ndjson)(\.gz|\.zst)?$/i, "read_json_auto"],
];
const GLOB_CHARACTERS = /[*?[{]/;

type ErrorContext = Pick<SourceErrorInit, "source" | "sourceType">;

/**
 * `tables` as written in kpi.yaml; `expand` substitutes `${env:NAME}`. Messages quote the path as
 * written, never the expanded one: a variable's value must not reach an output.
 */
export function parseTableFiles(
  tables: Record<string, unknown>,
  workspaceRoot: string,
  expand: (text: string) => string,
  errorContext: ErrorContext,
): TableFile[] {
  return Object.entries(tables).map(([name, pattern]) => {
    const fail = (kind: "config" | "not-found", detail: string) =>
      new SourceError({ ...errorContext, kind, detail: `table "${name}" (${String(pattern)}): ${detail}` });
    try {
      assertIdentifier(name);
    } catch (error) {
      throw fail("config", (error as Error).message);
    }
    if (typeof pattern !== "string" || pattern === "") throw fail("config", "the file path must be a string");
    const expanded = expand(pattern);
    const reader = READERS.find(([extension]) => extension.test(expanded))?.[1];
    if (!reader) throw fail("config", "unsupported file type; use .csv, .tsv, .parquet, .json or .jsonl");
    const absolutePattern = path.resolve(workspaceRoot, expanded);
    return {
      name,
      pattern,
      absolutePattern,
      reader,
      isGlob: GLOB_CHARACTERS.test(expanded),
      baseDirectory: staticDirectory(absolutePattern),
    };
  });
}

function staticDirectory(absolutePattern: string): string {
  const firstGlob = absolutePattern.search(GLOB_CHARACTERS);
  const withoutGlob = firstGlob === -1 ? absolutePattern : absolutePattern.slice(0, firstGlob);
  const directory =
    firstGlob === -1 ? path.dirname(withoutGlob) : withoutGlob.slice(0, withoutGlob.lastIndexOf(path.sep));
  return directory.endsWith(path.sep) ? directory : `${directory}${path.sep}`;
}

/** A DuckDB string literal; paths come from kpi.yaml, and DuckDB strings only escape by doubling quotes. */
export function sqlStringLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
