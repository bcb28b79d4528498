import { isAbsolute, relative, resolve } from "node:path";
import { asRecord, isKpiFileName, PROJECT_FILE, toPosix, type Workspace } from "@kpi-as-code/core";

/**
 * The KPIs to re-run after files changed: a changed KPI file's KPI, the KPIs of a source whose
 * data file changed (a duckdb `tables:` entry, or a database file at `path`), and every KPI whose
 * formula depends on one of those, transitively. `all` when the project file changed.
 */
export function affectedKpis(
  workspace: Workspace,
  root: string,
  changedPaths: readonly string[],
): { all: true } | { all: false; kpis: string[] } {
  const changed = changedPaths.map((path) => toPosix(isAbsolute(path) ? relative(root, path) : path));
  if (changed.includes(PROJECT_FILE)) return { all: true };
  const direct = new Set<string>();
  for (const entry of workspace.kpis) {
    if (entry.id !== undefined && changed.includes(entry.file)) direct.add(entry.id);
  }
  const sources = changedSources(workspace, root, changed);
  for (const entry of workspace.kpis) {
    if (entry.id === undefined) continue;
    const measures = Object.values(asRecord(entry.data.measures)).map(asRecord);
    if (measures.some((measure) => sources.has(String(measure.source)))) direct.add(entry.id);
  }
  return { all: false, kpis: [...withDependents(workspace, direct)].sort() };
}

/** Whether a change to this path can matter to a run (so the watcher can ignore the rest cheaply). */
export function mayAffectRun(workspace: Workspace, root: string, path: string): boolean {
  const file = toPosix(isAbsolute(path) ? relative(root, path) : path);
  return file === PROJECT_FILE || isKpiFileName(file) || changedSources(workspace, root, [file]).size > 0;
}

function changedSources(workspace: Workspace, root: string, changed: readonly string[]): Set<string> {
  const sources = new Set<string>();
  for (const [id, value] of Object.entries(workspace.sources)) {
    const source = asRecord(value);
    const patterns: string[] = [];
    if (source.type === "duckdb") patterns.push(...Object.values(asRecord(source.tables)).map(String));
    if ((source.type === "duckdb" || source.type === "sqlite") && typeof source.path === "string") {
      patterns.push(source.path);
    }
    const matchers = patterns.map((pattern) => globMatcher(toPosix(relative(root, resolve(root, pattern)))));
    if (changed.some((file) => matchers.some((matches) => matches(file)))) sources.add(id);
  }
  return sources;
}

/** The KPIs and every KPI that references them in its formula, transitively. */
function withDependents(workspace: Workspace, kpis: ReadonlySet<string>): Set<string> {
  const result = new Set(kpis);
  const queue = [...kpis];
  for (let kpi = queue.pop(); kpi !== undefined; kpi = queue.pop()) {
    for (const reference of workspace.references("kpi", kpi)) {
      const dependent = workspace.kpis.find((entry) => entry.file === reference.location.file)?.id;
      if (dependent !== undefined && !result.has(dependent)) {
        result.add(dependent);
        queue.push(dependent);
      }
    }
  }
  return result;
}

/** `*` and `?` within a path segment, `**` across segments: the globs `tables:` accepts. */
export function globMatcher(pattern: string): (file: string) => boolean {
  let source = "";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === "*" && pattern[index + 1] === "*") {
      source += pattern[index + 2] === "/" ? "(?:.*/)?" : ".*";
      index += pattern[index + 2] === "/" ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  const regex = new RegExp(`^${source}$`);
  return (file) => regex.test(file);
}
