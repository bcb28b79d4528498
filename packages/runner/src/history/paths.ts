import { join } from "node:path";

/** Where a workspace keeps its run history, relative to the folder holding kpi.yaml. */
export const HISTORY_DIR = join(".kpi", "history");
export const LATEST_INDEX_FILE = "latest.json";
export const LOG_SUFFIX = ".jsonl";

/** KPI ids are snake_case; anything else must never become a file name (no `../` tricks). */
const KPI_ID = /^[a-z][a-z0-9_]*$/;

export function historyDir(root: string): string {
  return join(root, HISTORY_DIR);
}

export function kpiLogPath(root: string, kpi: string): string {
  if (!KPI_ID.test(kpi)) throw new Error(`history: "${kpi}" is not a KPI id (snake_case expected)`);
  return join(historyDir(root), `${kpi}${LOG_SUFFIX}`);
}

export function latestIndexPath(root: string): string {
  return join(historyDir(root), LATEST_INDEX_FILE);
}

/** The KPI id a log file belongs to, or undefined for any other file in the folder. */
export function kpiOfLogFile(name: string): string | undefined {
  if (!name.endsWith(LOG_SUFFIX)) return undefined;
  const kpi = name.slice(0, -LOG_SUFFIX.length);
  return KPI_ID.test(kpi) ? kpi : undefined;
}
