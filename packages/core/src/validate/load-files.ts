import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fdir } from "fdir";
import { PROJECT_FILE } from "../model/workspace.js";
import { fileKind, type SourceFile } from "./analyze-file.js";

/** The nearest folder from `start` upwards that holds a kpi.yaml. */
export function findWorkspaceRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, PROJECT_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Paths (relative, forward slashes) of kpi.yaml and every KPI file below `root`; skips node_modules and dot folders. */
export function listWorkspaceFiles(root: string): string[] {
  const files = new fdir()
    .withRelativePaths()
    .exclude((name) => name === "node_modules" || name.startsWith("."))
    .filter((path) => fileKind(toPosix(path)) !== undefined)
    .crawl(root)
    .sync();
  return files.map(toPosix).sort();
}

export async function readWorkspaceFiles(
  root: string,
  files = listWorkspaceFiles(root),
): Promise<SourceFile[]> {
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(join(root, file), "utf8") })));
}

export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

export function workspaceRelative(root: string, path: string): string {
  return toPosix(relative(root, path));
}
