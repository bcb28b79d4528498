import { existsSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { asRecord, isInside, type ParsedFile, type Path } from "@kpi-as-code/core";
import type { DocumentLink } from "vscode-languageserver-types";
import { toRange } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";
import { mapScalar, sourceSpan } from "./scalar-source-map.js";

/** A glob (`data/events/*.parquet`) or a `${env:...}` reference names no one file to open. */
const NOT_ONE_FILE = /[*?[\]{}]|\$\{/;

/**
 * Links from kpi.yaml's data files to the files: each source's `tables` paths and its `path`
 * (DuckDB, SQLite). Paths are relative to kpi.yaml; a path that leads out of the workspace root,
 * lexically or through a link, gets no link, like the runner's file check refuses it.
 */
export function documentLinks(state: WorkspaceState, file: string): DocumentLink[] {
  const entry = state.entry(file);
  if (!entry || "formula" in entry) return [];
  const links: DocumentLink[] = [];
  for (const [sourceId, source] of Object.entries(asRecord(entry.data.sources) ?? {})) {
    const fields = asRecord(source) ?? {};
    const paths: [Path, unknown][] = Object.entries(asRecord(fields.tables) ?? {}).map(([table, path]) => [
      ["sources", sourceId, "tables", table],
      path,
    ]);
    if ("path" in fields) paths.push([["sources", sourceId, "path"], fields.path]);
    for (const [at, path] of paths) {
      const link = typeof path === "string" ? linkTo(state.root, file, entry.parsed, at, path) : undefined;
      if (link) links.push(link);
    }
  }
  return links;
}

function linkTo(
  root: string,
  file: string,
  parsed: ParsedFile,
  at: Path,
  path: string,
): DocumentLink | undefined {
  if (path === "" || path === ":memory:" || NOT_ONE_FILE.test(path) || isAbsolute(path)) return undefined;
  const target = resolve(root, dirname(file), path);
  if (!insideRoot(root, target)) return undefined;
  const whole = parsed.locate(at, "value");
  const mapped = mapScalar(parsed.text, whole, path);
  const span = (mapped && sourceSpan(mapped, { start: 0, end: path.length })) ?? whole;
  return { range: toRange(parsed, span), target: pathToFileURL(target).href, tooltip: `Open ${path}` };
}

/**
 * Inside the root as written, and once links are resolved: the target, or the nearest folder of it
 * that exists (a link to a folder outside must not lead a missing file out), against the real root.
 */
function insideRoot(root: string, target: string): boolean {
  if (!isInside(resolve(root), target)) return false;
  let existing = target;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  try {
    return isInside(realpathSync.native(root), realpathSync.native(existing));
  } catch {
    // No real root to compare with (a workspace only in memory): as written is all there is.
    return !existsSync(root);
  }
}
