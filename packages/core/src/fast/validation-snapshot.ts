import { hash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { PROJECT_FILE } from "../model/workspace.js";
import type { Diagnostic } from "../validate/diagnostic.js";
import type { Finding } from "../validate/validate.js";
import { type FileStamp, stampOf } from "./read-files.js";

/** Bump when the records' shape or meaning changes. */
const SNAPSHOT_FORMAT = 1;

/**
 * A file whose modification time is this close to the moment it was last read may have changed
 * again within the file system's timestamp granularity (2 s on FAT) without its stamp changing: its
 * stamp proves nothing, and it is read and hashed again (git calls such entries "racily clean").
 */
const RACY_MS = 2_000;

/** What one validation found in one file, with what is needed to tell whether it still holds. */
export interface FileRecord {
  file: string;
  stamp: FileStamp;
  /** When the stamp was last checked against the text (ms since the epoch). */
  verifiedAt: number;
  /** SHA-1 of the text. */
  hash: string;
  /** The KPI id, for finding the files that share it. */
  id: string | undefined;
  /** Hash of crossFileFacts: while it holds, the cross-file findings of every file hold. */
  crossFacts: string;
  /** Findings of the file-local rules. */
  local: Diagnostic[];
  /** Findings of the cross-file rules, with where they point, to be resolved again in a new text. */
  cross: Finding[];
}

/**
 * The records as stored: column by column, strings joined by newlines and numbers in one typed
 * array, so that 10,000 files cost a few objects to serialize rather than 50,000. Findings are
 * kept only for the files that have any.
 */
interface SnapshotData {
  key: string;
  today: string;
  files: string;
  hashes: string;
  ids: string;
  crossFacts: string;
  /** STAMP_FIELDS numbers per file: size, mtimeMs, ctimeMs, ino, verifiedAt. */
  stamps: Float64Array;
  findings: [index: number, local: Diagnostic[], cross: Finding[]][];
}

const STAMP_FIELDS = 5;

/**
 * The last validation of a workspace, kept under `<root>/.kpi/cache/validation.bin` (V8's
 * serialization format, read and written whole): every file's stamp, hash and findings. A new
 * process that finds the files' stamps unchanged, or only KPI files changed in ways that leave the
 * cross-file facts alone, answers from it without reading or parsing the other files.
 */
export class ValidationSnapshot {
  private constructor(
    private readonly path: string,
    private readonly key: string,
    readonly today: string,
    readonly records: Map<string, FileRecord>,
  ) {}

  /** The snapshot for this cache key and day, or undefined when there is none that fits. */
  static read(root: string, key: string, today: string): ValidationSnapshot | undefined {
    const path = snapshotPath(root);
    try {
      const data = deserialize(readFileSync(path)) as SnapshotData;
      if (data.key !== `${SNAPSHOT_FORMAT}:${key}` || data.today !== today) return undefined;
      return new ValidationSnapshot(path, key, today, fromColumns(data));
    } catch {
      return undefined; // missing, corrupt, or from another Node version: start afresh
    }
  }

  static create(root: string, key: string, today: string, records: FileRecord[]): ValidationSnapshot {
    return new ValidationSnapshot(snapshotPath(root), key, today, new Map(records.map((r) => [r.file, r])));
  }

  /** Writes the snapshot atomically (temp file + rename); a workspace that cannot be written only loses speed. */
  save(): void {
    const data = toColumns([...this.records.values()]);
    data.key = `${SNAPSHOT_FORMAT}:${this.key}`;
    data.today = this.today;
    const temporary = `${this.path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temporary, serialize(data));
      renameSync(temporary, this.path);
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}

function toColumns(records: readonly FileRecord[]): SnapshotData {
  const stamps = new Float64Array(records.length * STAMP_FIELDS);
  const findings: SnapshotData["findings"] = [];
  records.forEach((record, i) => {
    const { size, mtimeMs, ctimeMs, ino } = record.stamp;
    stamps.set([size, mtimeMs, ctimeMs, ino, record.verifiedAt], i * STAMP_FIELDS);
    if (record.local.length > 0 || record.cross.length > 0) findings.push([i, record.local, record.cross]);
  });
  const column = (field: (record: FileRecord) => string) => records.map(field).join("\n");
  return {
    key: "",
    today: "",
    files: column((record) => record.file),
    hashes: column((record) => record.hash),
    ids: column((record) => record.id ?? ""),
    crossFacts: column((record) => record.crossFacts),
    stamps,
    findings,
  };
}

function fromColumns(data: SnapshotData): Map<string, FileRecord> {
  const files = data.files.split("\n");
  const hashes = data.hashes.split("\n");
  const ids = data.ids.split("\n");
  const crossFacts = data.crossFacts.split("\n");
  const { stamps } = data;
  if (![hashes, ids, crossFacts].every((column) => column.length === files.length))
    throw new Error("inconsistent snapshot");
  if (stamps.length !== files.length * STAMP_FIELDS) throw new Error("inconsistent snapshot");
  const found = new Map(data.findings.map(([index, local, cross]) => [index, { local, cross }]));
  const records = new Map<string, FileRecord>();
  files.forEach((file, i) => {
    const at = i * STAMP_FIELDS;
    const number = (offset: number) => stamps[at + offset] as number;
    records.set(file, {
      file,
      stamp: { size: number(0), mtimeMs: number(1), ctimeMs: number(2), ino: number(3) },
      verifiedAt: number(4),
      hash: hashes[i] as string,
      id: ids[i] || undefined,
      crossFacts: crossFacts[i] as string,
      local: found.get(i)?.local ?? [],
      cross: found.get(i)?.cross ?? [],
    });
  });
  return records;
}

export function textHash(text: string): string {
  return hash("sha1", text, "base64url");
}

/**
 * How a file stands against its record: "same" when its stamp proves it unchanged, "unknown" when
 * only its text can tell (changed stamp, or a racy one), "gone" when it cannot be stat'ed.
 */
export function compareStamp(
  root: string,
  record: FileRecord,
): { state: "same" | "unknown" | "gone"; stats?: Stats } {
  const stats = statSync(join(root, record.file), { throwIfNoEntry: false });
  if (!stats) return { state: "gone" };
  const stamp = record.stamp;
  const same =
    stats.size === stamp.size &&
    stats.mtimeMs === stamp.mtimeMs &&
    stats.ctimeMs === stamp.ctimeMs &&
    stats.ino === stamp.ino &&
    !isRacy(stamp, record.verifiedAt);
  return { state: same ? "same" : "unknown", stats };
}

function isRacy(stamp: FileStamp, verifiedAt: number): boolean {
  return stamp.mtimeMs >= verifiedAt - RACY_MS;
}

export function recordStamp(record: FileRecord, stats: Stats, verifiedAt: number): FileRecord {
  return { ...record, stamp: stampOf(stats), verifiedAt };
}

export function isProjectRecord(record: FileRecord): boolean {
  return record.file === PROJECT_FILE;
}

function snapshotPath(root: string): string {
  return join(root, ".kpi", "cache", "validation.bin");
}
