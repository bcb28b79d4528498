import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { isInside } from "@kpi-as-code/core";
import type { ConnectContext } from "./types.js";

/** Extra readable folders, separated like PATH; set by whoever runs kpi, never by the repository. */
export const ALLOW_PATHS_ENV = "KPI_ALLOW_PATHS";

/** Why a file may not be read. Messages never quote the resolved path: it could be a symlink's secret target. */
export type FileRefusal = "missing" | "outside" | "hidden" | "not-a-file";

export const fileRefusalText: Record<FileRefusal, string> = {
  missing: "no such file",
  outside: `the file is outside the workspace; allow its folder with --allow-path or ${ALLOW_PATHS_ENV}`,
  hidden: "the file is hidden or inside a hidden folder (.git, .kpi, .env are never tables)",
  "not-a-file": "not a regular file (a folder, FIFO or device cannot be a table)",
};

export type CheckedFile = { realPath: string } | { refused: FileRefusal };

/**
 * The folders a source may read: the workspace and the folders the caller allowed, each by its
 * real path so that a symlink cannot stand in for one.
 */
export function readableRoots(context: ConnectContext): string[] {
  const fromEnv = ((context.env ?? process.env)[ALLOW_PATHS_ENV] ?? "").split(path.delimiter);
  const folders = [context.workspaceRoot, ...(context.allowPaths ?? []), ...fromEnv].filter(
    (folder) => folder.trim() !== "",
  );
  return folders.flatMap((folder) => {
    const real = realPathOrUndefined(path.resolve(folder));
    return real ? [real] : [];
  });
}

/**
 * A file's real path if it may be read: it exists, it is a regular file (never a FIFO that would
 * block the engine, nor a device), and its real path, symlinks resolved, lies inside a readable root
 * and not in a hidden folder of it: the checkout's `.git/config` can hold a token, and a symlink
 * inside the workspace could point at it.
 * Checked before anything opens it, so a refused file's content is never read.
 */
export function checkReadableFile(file: string, roots: readonly string[]): CheckedFile {
  const realPath = realPathOrUndefined(file);
  // Outside, existing or not: a missing file outside must not tell apart from a present one.
  if (!realPath) {
    const wouldBe = realPathOfMissing(file);
    return { refused: roots.some((root) => isInside(root, wouldBe)) ? "missing" : "outside" };
  }
  const containing = roots.filter((root) => isInside(root, realPath));
  if (containing.length === 0) return { refused: "outside" };
  const hidden = (root: string) =>
    path
      .relative(root, realPath)
      .split(path.sep)
      .some((part) => part.startsWith("."));
  if (containing.every(hidden)) return { refused: "hidden" };
  if (!statSync(realPath, { throwIfNoEntry: false })?.isFile()) return { refused: "not-a-file" };
  return { realPath };
}

/** Whether a folder, symlinks resolved, lies inside a readable root (a glob's base before listing it). */
export function isReadableFolder(folder: string, roots: readonly string[]): boolean {
  const realPath = realPathOrUndefined(folder) ?? path.resolve(folder);
  return roots.some((root) => isInside(root, realPath));
}

/** A missing file's real path as it would be: its nearest existing folder resolved, the rest appended. */
function realPathOfMissing(file: string): string {
  const absolute = path.resolve(file);
  const parent = path.dirname(absolute);
  if (parent === absolute) return absolute;
  return path.join(realPathOrUndefined(parent) ?? realPathOfMissing(parent), path.basename(absolute));
}

function realPathOrUndefined(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}
