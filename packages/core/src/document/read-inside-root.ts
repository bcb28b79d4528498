import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from "node:fs";
import { sep } from "node:path";

/** Files larger than this are not read: a KPI file is a page of YAML, not a data dump. */
export const MAX_FILE_BYTES = 1_000_000;

/**
 * The reasons a file is not read or parsed; rule `file/unreadable` reports each but NESTED_WORKSPACE
 * (a folder below that holds its own kpi.yaml), which rule `workspace/nested` reports.
 */
export const FILE_PROBLEM_CODES = [
  "MISSING",
  "LINK_OUTSIDE",
  "LINK_LOOP",
  "DANGLING_LINK",
  "NOT_REGULAR",
  "TOO_LARGE",
  "UNREADABLE",
  "UNREADABLE_FOLDER",
  "INVALID_UTF8",
  "BINARY",
  "NESTED_WORKSPACE",
] as const;
export type FileProblemCode = (typeof FILE_PROBLEM_CODES)[number];

/** Why a file was not read, and where in it (offsets into the text; 0..0 when there is none). */
export interface FileProblem {
  code: FileProblemCode;
  message: string;
  start: number;
  end: number;
}

/** A file's text (lossy where it is not UTF-8; empty when unread) and why it is not parsed, if so. */
export interface ReadResult {
  text: string;
  problem?: FileProblem;
}

// No-follow on the last component (a link swapped in after the real path was taken is refused),
// non-blocking so that opening a FIFO returns at once instead of waiting for a writer.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * The trust boundary of every read of a workspace file (KPI files, kpi.yaml): the file's real path
 * must lie inside `realRoot` (no link out of the workspace), it must be a regular file (no FIFO or
 * device), its size is checked before it is read, and its bytes must be UTF-8. `buffer` must hold
 * MAX_FILE_BYTES + 1 bytes; it is reused across reads.
 */
export function readInsideRoot(realRoot: string, path: string, buffer: Buffer): ReadResult {
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (error) {
    return { text: "", problem: unresolved(path, error) };
  }
  if (!isInside(realRoot, real)) return refuse("LINK_OUTSIDE", "a link to a file outside the workspace");
  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch (error) {
    return refuse("UNREADABLE", errorCause(error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile())
      return refuse("NOT_REGULAR", "not a regular file (a folder, device, FIFO or socket)");
    if (stats.size > MAX_FILE_BYTES) return refuse("TOO_LARGE", tooLarge(stats.size));
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_FILE_BYTES) return refuse("TOO_LARGE", tooLarge(length));
    }
    return decode(buffer.subarray(0, length));
  } catch (error) {
    return refuse("UNREADABLE", errorCause(error));
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text, or the offset (in characters of the text before it) of the first byte that is not. */
export function decode(bytes: Buffer): ReadResult {
  const text = bytes.toString("utf8");
  if (isUtf8(bytes)) {
    const problem = textProblem(text);
    return problem ? { text, problem } : { text };
  }
  const bad = firstInvalidUtf8(bytes);
  const offset = bytes.toString("utf8", 0, bad).length;
  return { text, problem: at("INVALID_UTF8", `byte ${bad} is not valid UTF-8`, offset, 1) };
}

/**
 * Why a text (from disk or an editor) is not parsed: too large, or binary (a NUL character). The
 * size of an editor's text is counted in characters, which a file's bytes never undercount.
 */
export function textProblem(text: string): FileProblem | undefined {
  if (text.length > MAX_FILE_BYTES) return at("TOO_LARGE", tooLarge(text.length), 0);
  const nul = text.indexOf("\0");
  if (nul >= 0) return at("BINARY", "contains a NUL byte: not a text file", nul, 1);
  return undefined;
}

/** The index of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    let end = i + 1;
    while (end <= bytes.length && end - i <= 4 && !isUtf8(bytes.subarray(i, end))) end += 1;
    if (end > bytes.length || end - i > 4) return i;
    i = end;
  }
  return bytes.length;
}

function unresolved(path: string, error: unknown): FileProblem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ELOOP") return at("LINK_LOOP", "a loop of links", 0);
  if (code === "ENOENT")
    return isLink(path) ? at("DANGLING_LINK", "a link to nothing", 0) : at("MISSING", "gone", 0);
  return at("UNREADABLE", errorCause(error), 0);
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function tooLarge(bytes: number): string {
  return `${bytes} bytes; KPI files are limited to ${MAX_FILE_BYTES}`;
}

function refuse(code: FileProblemCode, message: string): ReadResult {
  return { text: "", problem: at(code, message, 0) };
}

function at(code: FileProblemCode, message: string, offset: number, length = 0): FileProblem {
  return { code, message, start: offset, end: offset + length };
}

/** Whether `path` (a real path) is `root` or below it. */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export function errorCause(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ? `cannot be read (${code})` : "cannot be read";
}

const FILE_PROBLEMS: ReadonlySet<string> = new Set(FILE_PROBLEM_CODES);

/** Whether a parse problem is in fact a file that was not read (see FILE_PROBLEM_CODES). */
export function isFileProblem(problem: { code: string }): boolean {
  return FILE_PROBLEMS.has(problem.code);
}
