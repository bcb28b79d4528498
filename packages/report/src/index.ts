export { type DocPage, GENERATED_MARKER, renderDocs } from "./docs/render-docs.js";
export { formatValue, NO_VALUE, type ValueDisplay } from "./format/format-value.js";
export { STATUS_LABEL, STATUS_SYMBOL, statusText } from "./format/status.js";
export { analysisSection } from "./html/analysis-section.js";
export { renderReportHtml } from "./html/render-report.js";
export type { ReportAnalysis } from "./model/analysis-types.js";
export {
  buildReportModel,
  healthSummary,
  type ReportInputs,
  statusChanges,
} from "./model/build-report-model.js";
export { kpiTree, referencedKpis } from "./model/kpi-tree.js";
export { targetPath, thresholdBands } from "./model/kpi-view.js";
export { trendFromHistory, trendFromSeries } from "./model/trend.js";
export type * from "./model/types.js";
