export { type CompletionContext, completionContext } from "./cursor/completion-context.js";
export { pathAt } from "./cursor/path-at.js";
export { schemaAt } from "./cursor/schema-at.js";
export { codeActions, type FileCodeAction } from "./features/code-actions.js";
export { codeLenses, RUN_KPI_COMMAND } from "./features/code-lens.js";
export { complete } from "./features/completion.js";
export {
  DiagnosticsPublisher,
  type FileDiagnostics,
  RULES_DOC_URL,
  toLspDiagnostic,
} from "./features/diagnostics.js";
export { documentLinks } from "./features/document-links.js";
export { foldingRanges } from "./features/folding.js";
export { hover } from "./features/hover.js";
export { inlayHints } from "./features/inlay-hints.js";
export type { FileEdits, FileRange } from "./features/locations.js";
export { definition, references } from "./features/navigation.js";
export {
  type FileMove,
  prepareRename,
  type RenameResult,
  type RenameTarget,
  rename,
} from "./features/rename.js";
export {
  type FileSemanticToken,
  type FormulaTokenType,
  formulaSemanticTokens,
  SEMANTIC_TOKEN_TYPES,
  SEMANTIC_TOKENS_LEGEND,
  semanticTokens,
} from "./features/semantic-tokens.js";
export { documentSymbols, type FileSymbol, workspaceSymbols } from "./features/symbols.js";
export {
  type GoalSummary,
  type KpiSummary,
  summarizeWorkspace,
  WORKSPACE_SUMMARY_REQUEST,
  type WorkspaceSummaries,
  type WorkspaceSummary,
  type WorkspaceSummaryParams,
  workspaceSummary,
} from "./features/workspace-summary.js";
export { type IndexOptions, indexWorkspace } from "./state/index-workspace.js";
export { toOffset, toPosition, toRange } from "./state/positions.js";
export { type StateOptions, WorkspaceState } from "./state/workspace-state.js";
export { CHECK_SOURCES_COMMAND, type CheckSourcesOutcome, checkSources } from "./values/check-sources.js";
export { formatValue, sparkline, valueSummary } from "./values/format-value.js";
export { type RunKpiOutcome, refreshValues, runKpi } from "./values/run-kpi.js";
