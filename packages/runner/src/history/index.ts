export {
  ANALYSIS_FILE,
  readAnalysis,
  type StoredAnalysis,
  type StoredLeadLagPair,
  writeAnalysis,
} from "./analysis-store.js";
// The safe-file primitives, for other state kept under `.kpi/` (the alerts' delivery log).
export { type AppendedLine, appendLine } from "./append-log.js";
export { latestValues, RECENT_POINTS, recentSeries } from "./latest-index.js";
export { HISTORY_DIR, historyDir, kpiLogPath, latestIndexPath } from "./paths.js";
export { newRunId, readHistory, recordRun } from "./record-run.js";
export {
  APPEND_FLAGS,
  CREATE_NEW_FLAGS,
  checkedFolder,
  HistoryPathError,
  openNoFollow,
  READ_FLAGS,
  type UnsafeHistoryPathReason,
} from "./safe-files.js";
export type {
  HistoryPoint,
  HistoryRecord,
  LatestValue,
  ReadHistoryOptions,
  RecordedRun,
  RecordRunOptions,
} from "./types.js";
