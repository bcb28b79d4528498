import { randomBytes } from "node:crypto";
import { rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import {
  CREATE_NEW_FLAGS,
  checkExistingFile,
  checkedFolder,
  openNoFollow,
  READ_FLAGS,
} from "./safe-files.js";

/** The last `kpi analyze` result, kept under `.kpi/` so the editor can show a leading KPI's verdict. */
export const ANALYSIS_FILE = "analysis.json";
const KPI_FOLDER = ".kpi";
/** Larger than any real analysis; a bigger file was not written by kpi and is not read. */
const MAX_ANALYSIS_BYTES = 5_000_000;

/** What the editor and the report need of one pair; `kpi analyze` writes more fields. */
export interface StoredLeadLagPair {
  goal: string;
  leading: string;
  lagging: string;
  lag: number | null;
  r: number | null;
  n: number;
  verdict: "supports" | "contradicts" | "inconclusive";
  note?: string;
  periods?: { start: string; end: string }[];
  leadingSeries?: (number | null)[];
  laggingSeries?: (number | null)[];
}

export interface StoredAnalysis {
  today: string;
  periods: number;
  maxLag: number;
  pairs: StoredLeadLagPair[];
}

/**
 * Replaces `.kpi/analysis.json`: written to a new file (O_EXCL, never through a symlink) in a
 * checked `.kpi` folder, then renamed over the old one, so a reader never sees half a file.
 */
export async function writeAnalysis(root: string, analysis: StoredAnalysis): Promise<void> {
  const folder = (await checkedFolder(root, KPI_FOLDER, true)) as string;
  const target = join(folder, ANALYSIS_FILE);
  await checkExistingFile(root, target);
  const temporary = join(folder, `${ANALYSIS_FILE}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await openNoFollow(root, temporary, CREATE_NEW_FLAGS);
  try {
    await handle.writeFile(`${JSON.stringify(analysis)}\n`, "utf8");
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** The stored analysis, or undefined when there is none or it is not one kpi wrote (never a throw for bad content). */
export async function readAnalysis(root: string): Promise<StoredAnalysis | undefined> {
  const folder = await checkedFolder(root, KPI_FOLDER, false);
  if (!folder) return undefined;
  let handle: Awaited<ReturnType<typeof openNoFollow>>;
  try {
    handle = await openNoFollow(root, join(folder, ANALYSIS_FILE), READ_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    if ((await handle.stat()).size > MAX_ANALYSIS_BYTES) return undefined;
    const value: unknown = JSON.parse(await handle.readFile("utf8"));
    return isStoredAnalysis(value) ? value : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

function isStoredAnalysis(value: unknown): value is StoredAnalysis {
  if (value === null || typeof value !== "object") return false;
  const pairs = (value as { pairs?: unknown }).pairs;
  return (
    Array.isArray(pairs) &&
    pairs.every(
      (pair) =>
        pair !== null &&
        typeof pair === "object" &&
        typeof pair.leading === "string" &&
        typeof pair.lagging === "string" &&
        typeof pair.verdict === "string",
    )
  );
}
