import { hash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { Finding } from "../rules/incremental-validation.js";
import { compareDiagnostics, type Diagnostic } from "../validate/diagnostic.js";
import type { FileStamp } from "./read-files.js";

/** Bump when the records' shape or meaning changes. */
const SNAPSHOT_FORMAT = 1;

/**
 * A file whose modification time is this close to the moment it was last read may have changed
 * again within the file system's timestamp granularity without its stamp changing: its stamp proves
 * nothing, and it is read and hashed again (git calls such entries "racily clean"). A time with a
 * fraction of a second comes from a file system that keeps fine times (ext4, APFS, NTFS: a few ms
 * at worst); whole seconds may come from one that keeps only those, or two (FAT).
 */
const RACY_MS_FINE = 50;
const RACY_MS_COARSE = 2_000;

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
 * The records, column by column: strings joined by newlines and numbers in one typed array, so that
 * 10,000 files cost a few objects to read and write rather than 50,000 (this is also how they are
 * kept in memory). Findings are kept only for the files that have any, by index.
 */
interface Columns {
  files: string;
  hashes: string;
  ids: string;
  crossFacts: string;
  /** STAMP_FIELDS numbers per file: size, mtimeMs, ctimeMs, ino, verifiedAt. */
  stamps: Float64Array;
  findings: [index: number, local: Diagnostic[], cross: Finding[]][];
}

interface SnapshotData extends Columns {
  key: string;
  today: string;
}

const STAMP_FIELDS = 5;

/**
 * The last validation of a workspace, kept under `<root>/.kpi/cache/validation.bin` (V8's
 * serialization format, read and written whole): every file's stamp, hash and findings. A new
 * process that finds the files' stamps unchanged, or only KPI files changed in ways that leave the
 * cross-file facts alone, answers from it without reading or parsing the other files.
 */
export class ValidationSnapshot {
  private readonly files: string[];
  private readonly index: Map<string, number>;
  private readonly hashes: string[];
  private readonly ids: string[];
  private readonly crossFacts: string[];
  private readonly stamps: Float64Array;
  private readonly findings: Map<number, { local: Diagnostic[]; cross: Finding[] }>;

  private constructor(
    private readonly path: string,
    private readonly key: string,
    readonly today: string,
    columns: Columns,
  ) {
    this.files = columns.files.split("\n");
    this.hashes = columns.hashes.split("\n");
    this.ids = columns.ids.split("\n");
    this.crossFacts = columns.crossFacts.split("\n");
    this.stamps = columns.stamps;
    const count = this.files.length;
    if (![this.hashes, this.ids, this.crossFacts].every((column) => column.length === count))
      throw new Error("inconsistent snapshot");
    if (this.stamps.length !== count * STAMP_FIELDS) throw new Error("inconsistent snapshot");
    this.index = new Map(this.files.map((file, i) => [file, i]));
    this.findings = new Map(columns.findings.map(([i, local, cross]) => [i, { local, cross }]));
  }

  /** The snapshot for this cache key and day, or undefined when there is none that fits. */
  static read(root: string, key: string, today: string): ValidationSnapshot | undefined {
    const path = snapshotPath(root);
    try {
      const data = deserialize(readFileSync(path)) as SnapshotData;
      if (data.key !== `${SNAPSHOT_FORMAT}:${key}` || data.today !== today) return undefined;
      return new ValidationSnapshot(path, key, today, data);
    } catch {
      return undefined; // missing, corrupt, or from another Node version: start afresh
    }
  }

  /** Whether an earlier run left a snapshot, whatever its key. */
  static exists(root: string): boolean {
    return existsSync(snapshotPath(root));
  }

  /** A snapshot of these records (in file-name order). */
  static create(
    root: string,
    key: string,
    today: string,
    records: readonly FileRecord[],
  ): ValidationSnapshot {
    return new ValidationSnapshot(snapshotPath(root), key, today, toColumns(records));
  }

  get size(): number {
    return this.files.length;
  }

  has(file: string): boolean {
    return this.index.has(file);
  }

  get(file: string): FileRecord | undefined {
    const i = this.index.get(file);
    if (i === undefined) return undefined;
    const at = i * STAMP_FIELDS;
    const number = (offset: number) => this.stamps[at + offset] as number;
    return {
      file,
      stamp: { size: number(0), mtimeMs: number(1), ctimeMs: number(2), ino: number(3) },
      verifiedAt: number(4),
      hash: this.hashes[i] as string,
      id: this.ids[i] || undefined,
      crossFacts: this.crossFacts[i] as string,
      local: this.findings.get(i)?.local ?? [],
      cross: this.findings.get(i)?.cross ?? [],
    };
  }

  /** Replaces the record of a file the snapshot has. */
  set(record: FileRecord): void {
    const i = this.index.get(record.file);
    if (i === undefined) throw new Error(`not in the snapshot: ${record.file}`);
    const { size, mtimeMs, ctimeMs, ino } = record.stamp;
    this.stamps.set([size, mtimeMs, ctimeMs, ino, record.verifiedAt], i * STAMP_FIELDS);
    this.hashes[i] = record.hash;
    this.ids[i] = record.id ?? "";
    this.crossFacts[i] = record.crossFacts;
    if (record.local.length > 0 || record.cross.length > 0)
      this.findings.set(i, { local: record.local, cross: record.cross });
    else this.findings.delete(i);
  }

  /** The files whose KPI id is this one. */
  filesWithId(id: string): string[] {
    return this.files.filter((_, i) => this.ids[i] === id);
  }

  /** Every finding, file by file in name order, each file's sorted (see compareDiagnostics). */
  diagnostics(): Diagnostic[] {
    return [...this.findings.keys()]
      .sort((a, b) => a - b)
      .flatMap((i) => {
        const { local, cross } = this.findings.get(i) as { local: Diagnostic[]; cross: Finding[] };
        if (cross.length === 0) return local;
        return [...local, ...cross.map((finding) => finding.diagnostic)].sort(compareDiagnostics);
      });
  }

  /**
   * How a file stands against its record: "same" when its stamp proves it unchanged, "unknown"
   * when only its text can tell (changed stamp, or a racy one), "gone" when it cannot be stat'ed.
   */
  check(root: string, file: string): { state: "same" | "unknown" | "gone"; stats?: Stats } {
    const i = this.index.get(file);
    const stats = statSync(join(root, file), { throwIfNoEntry: false });
    if (i === undefined || !stats) return { state: "gone" };
    const at = i * STAMP_FIELDS;
    const stamps = this.stamps;
    const same =
      stats.size === stamps[at] &&
      stats.mtimeMs === stamps[at + 1] &&
      stats.ctimeMs === stamps[at + 2] &&
      stats.ino === stamps[at + 3] &&
      !isRacy(stats.mtimeMs, stamps[at + 4] as number);
    return { state: same ? "same" : "unknown", stats };
  }

  /** Writes the snapshot atomically (temp file + rename); a workspace that cannot be written only loses speed. */
  save(): void {
    const data: SnapshotData = {
      key: `${SNAPSHOT_FORMAT}:${this.key}`,
      today: this.today,
      files: this.files.join("\n"),
      hashes: this.hashes.join("\n"),
      ids: this.ids.join("\n"),
      crossFacts: this.crossFacts.join("\n"),
      stamps: this.stamps,
      findings: [...this.findings].map(([i, { local, cross }]) => [i, local, cross]),
    };
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

function toColumns(records: readonly FileRecord[]): Columns {
  const stamps = new Float64Array(records.length * STAMP_FIELDS);
  const findings: Columns["findings"] = [];
  records.forEach((record, i) => {
    const { size, mtimeMs, ctimeMs, ino } = record.stamp;
    stamps.set([size, mtimeMs, ctimeMs, ino, record.verifiedAt], i * STAMP_FIELDS);
    if (record.local.length > 0 || record.cross.length > 0) findings.push([i, record.local, record.cross]);
  });
  const column = (field: (record: FileRecord) => string) => records.map(field).join("\n");
  return {
    files: column((record) => record.file),
    hashes: column((record) => record.hash),
    ids: column((record) => record.id ?? ""),
    crossFacts: column((record) => record.crossFacts),
    stamps,
    findings,
  };
}

export function textHash(text: string): string {
  return hash("sha1", text, "base64url");
}

function isRacy(mtimeMs: number, verifiedAt: number): boolean {
  const window = mtimeMs % 1000 === 0 ? RACY_MS_COARSE : RACY_MS_FINE;
  return mtimeMs >= verifiedAt - window;
}

function snapshotPath(root: string): string {
  return join(root, ".kpi", "cache", "validation.bin");
}
