import { type Dirent, existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { isKpiFileName, PROJECT_FILE } from "./file-names.js";
import {
  errorCause,
  type FileProblem,
  type FileProblemCode,
  isInside,
  readInsideRoot,
} from "./read-inside-root.js";

/**
 * A file of the workspace as read from disk or from an editor: its text, or why it could not be read
 * safely (`problem`, with an empty text). Paths are relative to the workspace root, with forward slashes.
 */
export interface SourceFile {
  file: string;
  text: string;
  problem?: FileProblem;
}

/** What a walk of the workspace found: the files to read, and the folders it could not enter. */
export interface WorkspaceListing {
  /** kpi.yaml and every KPI file, in name order (links among them, resolved when read). */
  files: string[];
  /** Folders that could not be listed or lead out of the workspace, with the reason. */
  skipped: SourceFile[];
}

/**
 * Walks the workspace below `root`: kpi.yaml at the root and every `*.kpi.yaml`/`*.kpi.yml` below,
 * never into `node_modules` or dot folders, nor into a folder below that holds its own kpi.yaml (the
 * nearest kpi.yaml upwards owns a file; such a folder's kpi.yaml is reported as NESTED_WORKSPACE). Real folders first; then linked folders, each entered
 * only when it resolves inside the workspace to a folder not entered yet (so no loop, and no file
 * read twice under two names). A folder that leads out or cannot be read is reported, not skipped
 * silently.
 */
export function listWorkspace(root: string): WorkspaceListing {
  const realRoot = realpathSync.native(root);
  const files: string[] = [];
  const skipped: SourceFile[] = [];
  const entered = new Set<string>();
  const links: { path: string; file: string }[] = [];
  const walk = (dir: string, realDir: string, prefix: string): void => {
    entered.add(realDir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push(problemFile(prefix || ".", "UNREADABLE_FOLDER", errorCause(error)));
      return;
    }
    if (prefix !== "" && entries.some((entry) => entry.name === PROJECT_FILE)) {
      // Reported on the nested kpi.yaml itself, where a reader can act on it (keep it or delete it).
      skipped.push(problemFile(`${prefix}/${PROJECT_FILE}`, "NESTED_WORKSPACE", "a workspace of its own"));
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      if (name === "node_modules" || name.startsWith(".")) continue;
      const file = prefix === "" ? name : `${prefix}/${name}`;
      const path = join(dir, name);
      if (entry.isDirectory()) walk(path, join(realDir, name), file);
      else if (entry.isSymbolicLink() && isFolderLink(path)) links.push({ path, file });
      else if (isWorkspaceFileName(file)) files.push(file);
    }
  };
  walk(root, realRoot, "");
  while (links.length > 0) {
    links.sort((a, b) => (a.file < b.file ? 1 : -1));
    const { path, file } = links.pop() as { path: string; file: string };
    const real = realpathSync.native(path);
    if (!isInside(realRoot, real)) {
      skipped.push(problemFile(file, "LINK_OUTSIDE", "a link to a folder outside the workspace"));
    } else if (!entered.has(real)) walk(path, real, file);
  }
  files.sort();
  return { files, skipped };
}

/**
 * Every workspace at or below `root` (absolute paths, in name order): each folder holding a kpi.yaml,
 * found by the same walk as listWorkspace (no node_modules or dot folders, no link out of `root`).
 */
export function findWorkspaces(root: string): string[] {
  const found: string[] = [];
  // A folder without kpi.yaml is walked like a workspace: the folders where the walk stops are the
  // outermost workspaces below it, and each of those lists its own nested ones.
  const visit = (dir: string): void => {
    if (existsSync(join(dir, PROJECT_FILE))) found.push(dir);
    for (const folder of listWorkspace(dir).skipped)
      if (folder.problem?.code === "NESTED_WORKSPACE") visit(dirname(join(dir, folder.file)));
  };
  visit(resolve(root));
  return found.sort();
}

/** Paths (relative, forward slashes) of kpi.yaml and every KPI file below `root`. */
export function listWorkspaceFiles(root: string): string[] {
  return listWorkspace(root).files;
}

/**
 * Reads the listed files through the workspace's trust boundary (see readInsideRoot): a file that
 * cannot be read safely comes back with its problem instead of a text, as do the skipped folders.
 */
export function readWorkspaceSources(root: string, listing = listWorkspace(root)): SourceFile[] {
  const reader = workspaceReader(root);
  return [...listing.files.map(reader), ...listing.skipped];
}

/** A reader of files of one workspace, sharing one buffer: `(file) => SourceFile`. */
export function workspaceReader(root: string): (file: string) => SourceFile {
  const realRoot = realpathSync.native(root);
  const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  return (file) => {
    const { text, problem } = readInsideRoot(realRoot, join(root, file), buffer);
    return problem ? { file, text, problem } : { file, text };
  };
}

/** Room for the largest file read (MAX_FILE_BYTES) and one byte more, which tells a larger file. */
const READ_BUFFER_BYTES = 1 << 20;

export function isWorkspaceFileName(file: string): boolean {
  return file === PROJECT_FILE || isKpiFileName(file);
}

function isFolderLink(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // dangling or looping: a KPI file name among them is reported when read
  }
}

function problemFile(file: string, code: FileProblemCode, cause: string): SourceFile {
  return { file, text: "", problem: { code, message: cause, start: 0, end: 0 } };
}

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

export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

export function workspaceRelative(root: string, path: string): string {
  return toPosix(relative(root, path));
}
