import { randomBytes } from "node:crypto";
import { lstat, open, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_CALENDAR } from "../periods/calendar.js";
import { periodGrain } from "../periods/previous-period.js";
import type { Grain, Period } from "../types.js";
import type { AppendedLine } from "./append-log.js";
import { historyDir, kpiLogPath, kpiOfLogFile, latestIndexPath } from "./paths.js";
import { isMissing, readNewestRecords } from "./read-log.js";
import { CREATE_NEW_FLAGS, checkedHistoryDir, openNoFollow, READ_FLAGS } from "./safe-files.js";
import { type HistoryPoint, type HistoryRecord, type LatestValue, toHistoryPoint } from "./types.js";

/** Points kept in each KPI's recent series. */
export const RECENT_POINTS = 12;
/** Records read from a log's tail to rebuild its entry: enough to find RECENT_POINTS periods despite re-runs. */
const REBUILD_SCAN = 200;
const INDEX_FORMAT = 1;
/** A larger index is not this tool's: ignored and rebuilt from the logs. */
const INDEX_MAX_BYTES = 64 * 1024 * 1024;

export interface IndexEntry extends LatestValue {
  /** Size of the KPI's log when this entry was built: a different size means the entry is stale. */
  logSize: number;
}

export interface LatestIndex {
  format: typeof INDEX_FORMAT;
  kpis: Record<string, IndexEntry>;
}

/**
 * Each recorded KPI's latest value and recent series, for showing inline (the language server).
 *
 * Reads `.kpi/history/latest.json`, a cache of the logs: the logs are the truth. An entry is
 * trusted only while its log still has the size it was built from, so a missing or corrupt
 * index, or one that lost a race with another run's rewrite, is repaired from the logs' tails.
 * Cost when fresh: one directory listing, one stat per KPI and one small file.
 * Throws HistoryPathError if `.kpi` or `.kpi/history` is a symlink; a log that is a symlink is skipped.
 */
export async function latestValues(root: string): Promise<Record<string, LatestValue>> {
  const entries = await syncIndex(root, new Map());
  return Object.fromEntries(
    Object.entries(entries).map(([kpi, { latest, recent }]) => [kpi, { latest, recent }]),
  );
}

/**
 * Brings the index in line with the logs and returns its entries. `known` holds entries the
 * caller built itself (a run that just appended); like cached ones, each is used only if its
 * log still has the size the entry names, else the entry is rebuilt from the log's tail.
 */
export async function syncIndex(
  root: string,
  known: ReadonlyMap<string, IndexEntry>,
): Promise<Record<string, IndexEntry>> {
  if (!(await checkedHistoryDir(root, false))) return {};
  const logSizes = await listLogSizes(root);
  const index = await readIndex(root);
  const entries: Record<string, IndexEntry> = {};
  let changed = Object.keys(index.kpis).some((kpi) => !logSizes.has(kpi));
  for (const [kpi, logSize] of logSizes) {
    const cached = index.kpis[kpi];
    const candidate = known.get(kpi);
    if (cached && cached.logSize === logSize && isEntry(cached)) {
      entries[kpi] = cached;
      continue;
    }
    const entry = candidate?.logSize === logSize ? candidate : await buildEntry(root, kpi);
    changed = true;
    if (entry) entries[kpi] = entry;
  }
  if (changed) await writeIndexBestEffort(root, { format: INDEX_FORMAT, kpis: entries });
  return entries;
}

/**
 * The entry after appending `record`, without reading the log again, when the previous entry
 * described the log exactly as it was before this line and nobody else appended meanwhile.
 */
export function extendEntry(
  previous: IndexEntry | undefined,
  record: HistoryRecord,
  appended: AppendedLine,
): IndexEntry | undefined {
  if (!appended.alone) return undefined;
  const point = toHistoryPoint(record);
  if (appended.sizeBefore === 0) return { logSize: appended.sizeAfter, latest: point, recent: [point] };
  if (!previous || previous.logSize !== appended.sizeBefore || !isEntry(previous)) return undefined;
  return { logSize: appended.sizeAfter, latest: point, recent: recentSeries([point, ...previous.recent]) };
}

/**
 * The latest point of each period, newest periods kept, oldest first; only periods of the newest
 * point's grain (a month, a quarter...): a sparkline never mixes a quarter into a monthly line.
 */
export function recentSeries(newestFirst: readonly HistoryPoint[], points = RECENT_POINTS): HistoryPoint[] {
  const byPeriod = new Map<string, HistoryPoint>();
  const newest = newestFirst[0];
  const grain = newest && recordedGrain(newest.period);
  for (const point of newestFirst) {
    if (recordedGrain(point.period) !== grain) continue;
    const key = `${point.period.start}/${point.period.end}`;
    if (!byPeriod.has(key)) byPeriod.set(key, point);
  }
  return [...byPeriod.values()]
    .sort((a, b) => compareText(b.period.start, a.period.start) || compareText(b.period.end, a.period.end))
    .slice(0, points)
    .reverse();
}

/**
 * The grain a recorded period is one bucket of in some calendar: the index is shared by callers that
 * do not read kpi.yaml, so a fiscal quarter (three months from any month's first) or a Sunday week
 * counts as a quarter or a week, never as a clipped range.
 */
function recordedGrain(period: Period): Grain | undefined {
  const fiscalOrSunday = {
    ...DEFAULT_CALENDAR,
    weekStart: "sunday" as const,
    fiscalYearStart: Number(period.start.slice(5, 7)),
  };
  return periodGrain(period) ?? periodGrain(period, fiscalOrSunday);
}

async function buildEntry(root: string, kpi: string): Promise<IndexEntry | undefined> {
  const file = kpiLogPath(root, kpi);
  // Size first: a record appended while we read makes the entry look stale next time, never fresh.
  const logSize = (await lstat(file)).size;
  const records = await readNewestRecords(root, file, REBUILD_SCAN);
  const newest = records[0];
  if (!newest) return undefined;
  return { logSize, latest: toHistoryPoint(newest), recent: recentSeries(records.map(toHistoryPoint)) };
}

async function listLogSizes(root: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  let names: string[];
  try {
    names = await readdir(historyDir(root));
  } catch (error) {
    if (isMissing(error)) return sizes;
    throw error;
  }
  for (const name of names) {
    const kpi = kpiOfLogFile(name);
    if (!kpi) continue;
    try {
      // lstat: a log that is a symlink (or a FIFO) is not a log; it is never followed or opened.
      const stats = await lstat(join(historyDir(root), name));
      if (stats.isFile()) sizes.set(kpi, stats.size);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  return sizes;
}

export async function readIndex(root: string): Promise<LatestIndex> {
  try {
    const parsed = JSON.parse(await readIndexText(root)) as Partial<LatestIndex>;
    if (parsed.format === INDEX_FORMAT && typeof parsed.kpis === "object" && parsed.kpis !== null) {
      return parsed as LatestIndex;
    }
  } catch {
    // Missing or corrupt: rebuilt from the logs below.
  }
  return { format: INDEX_FORMAT, kpis: {} };
}

async function readIndexText(root: string): Promise<string> {
  const handle = await openNoFollow(root, latestIndexPath(root), READ_FLAGS);
  try {
    if ((await handle.stat()).size > INDEX_MAX_BYTES) return "";
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}

function isEntry(entry: IndexEntry): boolean {
  return typeof entry.latest?.period?.start === "string" && Array.isArray(entry.recent);
}

/**
 * Written to a unique temp name and renamed over the index, so readers see the old or the new
 * file, never half of one. A read-only workspace just goes without the cache. The temp file is
 * created new (O_EXCL, so never through a symlink) and rename replaces a symlink at the index's
 * name rather than writing where it points; the folder was checked by the caller.
 */
async function writeIndexBestEffort(root: string, index: LatestIndex): Promise<void> {
  const target = latestIndexPath(root);
  const temp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const handle = await open(temp, CREATE_NEW_FLAGS, 0o666);
    try {
      await handle.writeFile(`${JSON.stringify(index)}\n`);
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
