import type { FileHandle } from "node:fs/promises";
import { openNoFollow, READ_FLAGS } from "./safe-files.js";
import { HISTORY_FORMAT, type HistoryRecord } from "./types.js";

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * The newest `limit` complete records of a log, newest first, reading the file backwards in
 * chunks so that asking for the last few values of a long history reads only its tail.
 * Lines that do not parse as a record (a torn last line after a crash) are skipped. A log that
 * is a symlink or not a regular file is refused (HistoryPathError), never followed.
 */
export async function readNewestRecords(
  root: string,
  file: string,
  limit = Number.POSITIVE_INFINITY,
): Promise<HistoryRecord[]> {
  if (limit <= 0) return [];
  let handle: FileHandle;
  try {
    handle = await openNoFollow(root, file, READ_FLAGS);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  try {
    const records: HistoryRecord[] = [];
    let position = (await handle.stat()).size;
    // Bytes already read that belong to a line whose start lies further back.
    let carry = Buffer.alloc(0);
    while (position > 0 && records.length < limit) {
      const length = Math.min(CHUNK_BYTES, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      await handle.read(chunk, 0, length, position);
      const buffer = Buffer.concat([chunk, carry]);
      const firstBreak = buffer.indexOf(NEWLINE);
      if (position > 0 && firstBreak === -1) {
        carry = buffer;
        continue;
      }
      const completeFrom = position > 0 ? firstBreak + 1 : 0;
      carry = buffer.subarray(0, completeFrom);
      const lines = buffer.subarray(completeFrom).toString("utf8").split("\n");
      for (let index = lines.length - 1; index >= 0 && records.length < limit; index--) {
        const record = parseRecord(lines[index] ?? "");
        if (record) records.push(record);
      }
    }
    return records;
  } finally {
    await handle.close();
  }
}

/** A line as a record, or undefined for blank, torn or foreign lines. */
export function parseRecord(line: string): HistoryRecord | undefined {
  if (line.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Partial<HistoryRecord>;
  const looksRight =
    record.format === HISTORY_FORMAT &&
    typeof record.kpi === "string" &&
    typeof record.runId === "string" &&
    typeof record.recordedAt === "string" &&
    typeof record.version === "number" &&
    typeof record.status === "string" &&
    typeof record.period?.start === "string" &&
    typeof record.period?.end === "string";
  return looksRight ? (record as HistoryRecord) : undefined;
}

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}
