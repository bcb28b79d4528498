export {
  ANALYSIS_FILE,
  readAnalysis,
  type StoredAnalysis,
  type StoredLeadLagPair,
  writeAnalysis,
} from "./analysis-store.js";
export { latestValues, RECENT_POINTS, recentSeries } from "./latest-index.js";
export { HISTORY_DIR, historyDir, kpiLogPath, latestIndexPath } from "./paths.js";
export { newRunId, readHistory, recordRun } from "./record-run.js";
export { HistoryPathError, type UnsafeHistoryPathReason } from "./safe-files.js";
export type {
  HistoryPoint,
  HistoryRecord,
  LatestValue,
  ReadHistoryOptions,
  RecordedRun,
  RecordRunOptions,
} from "./types.js";
