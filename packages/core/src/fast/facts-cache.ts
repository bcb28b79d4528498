import { hash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fdir } from "fdir";
import { kpiSchema, projectSchema } from "../schema/index.js";
import { type FileFacts, survivesJson } from "./file-facts.js";

/** Bump when the cached data's shape or the fast parser's output changes. */
const CACHE_FORMAT = 1;
/** Entries are spread over this many files so that one changed file rewrites one small shard. */
const SHARD_COUNT = 16;

interface ShardFile {
  key: string;
  entries: Record<string, FileFacts>;
}

/**
 * A content-addressed cache of file facts under `<root>/.kpi/cache/facts/`: the entry for a file
 * is found by its kind and the hash of its text, so an edited file can never be served a stale
 * result. The cache key (format, tool version, schemas) invalidates everything on an upgrade; a
 * shard that is corrupt or has another key is ignored and rewritten. Entries not used by a run are
 * dropped when their shard is next written.
 */
export class FactsCache {
  private readonly shards: Map<string, FileFacts>[];
  private readonly used = new Set<string>();
  private readonly dirty = new Set<number>();
  private readonly loadedSizes: number[];

  private constructor(
    private readonly directory: string,
    private readonly key: string,
    private readonly write: boolean,
  ) {
    this.shards = Array.from({ length: SHARD_COUNT }, (_, shard) => this.readShard(shard));
    this.loadedSizes = this.shards.map((shard) => shard.size);
  }

  /** `write: false`: entries are looked up, none is added or saved. */
  static open(root: string, { write = true }: { write?: boolean } = {}): FactsCache {
    return new FactsCache(join(root, ".kpi", "cache", "facts"), cacheKey(), write);
  }

  /** `entryKey`: the file's kind and the hash of its text, `kind:hash`. */
  get(entryKey: string): FileFacts | undefined {
    const facts = this.shards[shardOf(entryKey)]?.get(entryKey);
    if (facts) this.used.add(entryKey);
    return facts;
  }

  set(entryKey: string, facts: FileFacts): void {
    if (!this.write) return;
    if ("value" in facts && !survivesJson(facts.value)) return;
    const shard = shardOf(entryKey);
    this.shards[shard]?.set(entryKey, facts);
    this.used.add(entryKey);
    this.dirty.add(shard);
  }

  /** Writes the shards that gained or lost entries, each atomically (temp file + rename). */
  save(): void {
    if (!this.write) return;
    this.shards.forEach((entries, shard) => {
      for (const entryKey of entries.keys()) if (!this.used.has(entryKey)) entries.delete(entryKey);
      if (entries.size !== this.loadedSizes[shard]) this.dirty.add(shard);
    });
    if (this.dirty.size === 0) return;
    try {
      mkdirSync(this.directory, { recursive: true });
    } catch {
      return; // a read-only workspace: validation works, only without a cache
    }
    for (const shard of this.dirty) {
      const content: ShardFile = { key: this.key, entries: Object.fromEntries(this.shards[shard] ?? []) };
      const target = this.shardPath(shard);
      const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        writeFileSync(temporary, JSON.stringify(content));
        renameSync(temporary, target);
      } catch {
        // A cache that cannot be written only costs speed next time.
        rmSync(temporary, { force: true });
      }
    }
    this.dirty.clear();
  }

  private readShard(shard: number): Map<string, FileFacts> {
    try {
      const content = JSON.parse(readFileSync(this.shardPath(shard), "utf8")) as Partial<ShardFile>;
      if (content.key !== this.key || typeof content.entries !== "object" || content.entries === null)
        return new Map();
      return new Map(Object.entries(content.entries).filter(([, facts]) => isFacts(facts)));
    } catch {
      return new Map(); // missing or corrupt: start afresh
    }
  }

  private shardPath(shard: number): string {
    return join(this.directory, `shard-${shard.toString(16).padStart(2, "0")}.json`);
  }
}

function isFacts(facts: unknown): facts is FileFacts {
  return typeof facts === "object" && facts !== null && Array.isArray((facts as FileFacts).schemaProblems);
}

function shardOf(entryKey: string): number {
  // The hash's first character (after "kind:") is uniformly one of 64; they fold onto the shards.
  return entryKey.charCodeAt(entryKey.indexOf(":") + 1) % SHARD_COUNT;
}

let memoizedKey: string | undefined;

/**
 * Everything a cached result depends on besides the file's own text: the format, the Node version,
 * the schemas and the code itself, so that a rebuilt rule or parser never meets results of the old one.
 */
export function cacheKey(): string {
  memoizedKey ??= hash(
    "sha1",
    JSON.stringify([CACHE_FORMAT, codeStamp(), process.versions.node, kpiSchema, projectSchema]),
    "base64url",
  );
  return memoizedKey;
}

/**
 * The name, size and modification time of every code file in the folder above this module's: the
 * package's `dist/` (or `src/` under test), or the folder of a bundle that includes it. About a
 * millisecond for a package's files; any rebuild or upgrade changes it.
 */
function codeStamp(): string {
  const folder = dirname(dirname(fileURLToPath(import.meta.url)));
  try {
    const files = new fdir()
      .withRelativePaths()
      .exclude((name) => name === "node_modules" || name.startsWith("."))
      .filter((path) => /\.[cm]?js$|(?<!\.d)\.ts$/.test(path))
      .crawl(folder)
      .sync()
      .sort();
    return files
      .map((file) => {
        const stats = statSync(join(folder, file));
        return `${file}:${stats.size}:${stats.mtimeMs}`;
      })
      .join("\n");
  } catch {
    return "unknown";
  }
}
