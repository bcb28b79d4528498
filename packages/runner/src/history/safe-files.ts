import { constants } from "node:fs";
import { type FileHandle, lstat, mkdir, open } from "node:fs/promises";
import { join, relative } from "node:path";
import { HISTORY_DIR } from "./paths.js";

/**
 * `.kpi/` can arrive in a pull request: a committed `.kpi/history/x.jsonl` symlink, or `.kpi` itself
 * a symlink, would make a run write (or read) wherever it points, even outside the workspace. So no
 * history file is ever reached through a symlink: each folder is checked with lstat before use, and
 * files are opened with O_NOFOLLOW (and O_NONBLOCK, so a FIFO is refused instead of hanging).
 */
export type UnsafeHistoryPathReason = "symlink" | "not-a-folder" | "not-a-file";

const reasonText: Record<UnsafeHistoryPathReason, string> = {
  symlink: "is a symbolic link; the history is never read or written through one",
  "not-a-folder": "is not a folder",
  "not-a-file": "is not a regular file",
};

export class HistoryPathError extends Error {
  readonly code = "history/unsafe-path";
  constructor(
    /** The offending path relative to the workspace, e.g. `.kpi/history/x.jsonl`. */
    readonly path: string,
    readonly reason: UnsafeHistoryPathReason,
  ) {
    super(`history: ${path} ${reasonText[reason]}; remove it (kpi recreates .kpi/history as needed).`);
    this.name = "HistoryPathError";
  }
}

/**
 * The history folder after checking that `.kpi` and `.kpi/history` are real folders, not symlinks.
 * With `create`, missing ones are made (one level at a time, each checked again); without it, a
 * missing one means there is no history and the result is undefined.
 */
export async function checkedHistoryDir(root: string, create: boolean): Promise<string | undefined> {
  return checkedFolder(root, HISTORY_DIR, create);
}

/** Like checkedHistoryDir for any folder below the workspace (`.kpi` itself for the analysis file). */
export async function checkedFolder(
  root: string,
  relativeFolder: string,
  create: boolean,
): Promise<string | undefined> {
  let folder = root;
  for (const part of relativeFolder.split(/[\\/]/)) {
    folder = join(folder, part);
    let stats = await lstatOrUndefined(folder);
    if (!stats) {
      if (!create) return undefined;
      await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
      });
      stats = await lstat(folder);
    }
    if (stats.isSymbolicLink()) throw new HistoryPathError(relative(root, folder), "symlink");
    if (!stats.isDirectory()) throw new HistoryPathError(relative(root, folder), "not-a-folder");
  }
  return folder;
}

/** Opens a file in the (checked) history folder without following a symlink; only regular files. */
export async function openNoFollow(root: string, file: string, flags: number): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(file, flags | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o666);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP")
      throw new HistoryPathError(relative(root, file), "symlink");
    throw error;
  }
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new HistoryPathError(relative(root, file), "not-a-file");
  }
  return handle;
}

/** Throws HistoryPathError if an existing file is a symlink or not a regular file (a missing one is fine). */
export async function checkExistingFile(root: string, file: string): Promise<void> {
  const stats = await lstatOrUndefined(file);
  if (stats?.isSymbolicLink()) throw new HistoryPathError(relative(root, file), "symlink");
  if (stats && !stats.isFile()) throw new HistoryPathError(relative(root, file), "not-a-file");
}

export const APPEND_FLAGS = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT;
export const READ_FLAGS = constants.O_RDONLY;
/** A new file only: O_EXCL never follows a symlink at the name and fails if anything is there. */
export const CREATE_NEW_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;

async function lstatOrUndefined(file: string) {
  try {
    return await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
