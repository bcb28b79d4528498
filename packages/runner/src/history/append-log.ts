import type { FileHandle } from "node:fs/promises";
import { APPEND_FLAGS, openNoFollow } from "./safe-files.js";

const NEWLINE = 0x0a;

export interface AppendedLine {
  sizeBefore: number;
  sizeAfter: number;
  /** No other writer appended between the two sizes, so the log grew by exactly this line. */
  alone: boolean;
}

/**
 * Appends one line to a JSON-lines log so that neither a crash nor a concurrent writer can damage
 * what is already there:
 * - the file is opened with O_APPEND and the line goes out in ONE write(2); on a local Linux
 *   filesystem the kernel serialises O_APPEND writes to a regular file under the inode lock, so
 *   two processes appending at once never interleave their bytes (no lock file to go stale);
 * - `kill -9` can at worst cut this one write short, leaving a torn last line that readers skip;
 *   earlier lines are never rewritten;
 * - if the file ends in such a torn line, the new line starts on a fresh line so that the torn
 *   fragment cannot swallow a complete record;
 * - fsync before returning, so a recorded run survives a power cut too;
 * - never through a symlink (O_NOFOLLOW), and only into a regular file: a committed
 *   `.kpi/history/x.jsonl` link to a script must not get a line appended to it.
 */
export async function appendLine(root: string, file: string, line: string): Promise<AppendedLine> {
  const handle = await openNoFollow(root, file, APPEND_FLAGS);
  try {
    const body = Buffer.from(`${line}\n`, "utf8");
    const sizeBefore = (await handle.stat()).size;
    const buffer = (await endsMidLine(handle, sizeBefore))
      ? Buffer.concat([Buffer.from([NEWLINE]), body])
      : body;
    const { bytesWritten } = await handle.write(buffer, 0, buffer.length);
    if (bytesWritten !== buffer.length) {
      throw new Error(`history: short write to ${file} (${bytesWritten} of ${buffer.length} bytes)`);
    }
    await handle.datasync();
    const sizeAfter = (await handle.stat()).size;
    return { sizeBefore, sizeAfter, alone: sizeAfter === sizeBefore + bytesWritten };
  } finally {
    await handle.close();
  }
}

async function endsMidLine(handle: FileHandle, size: number): Promise<boolean> {
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] !== NEWLINE;
}
