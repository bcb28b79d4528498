export {
  RULES_DOC_FILE,
  RULES_DOC_URL,
  renderRulesDoc,
  ruleDocAnchor,
  ruleDocUrl,
} from "./docs/rules-doc.js";
export { renderSchemaFile, SCHEMA_FILES } from "./docs/schema-files.js";
export { LineIndex, type Position } from "./document/line-index.js";
export {
  ParsedFile,
  type Path,
  type PathSegment,
  type Span,
  type SyntaxProblem,
} from "./document/parsed-file.js";
export { parseYamlFast } from "./fast/fast-yaml.js";
export { readBuffer, readFileText } from "./fast/read-files.js";
export { type EscapeControlOptions, escapeControl, escapeControlDeep } from "./format/escape-control.js";
export {
  decimal,
  fixed,
  formatDuration,
  formatValue,
  NO_VALUE,
  type ValueDisplay,
} from "./format/format-value.js";
export * from "./formula/index.js";
export type { SymbolKind, SymbolLocation, SymbolRef } from "./model/symbols.js";
export * from "./model/types.js";
export {
  asRecord,
  isKpiFileName,
  type KpiEntry,
  PROJECT_FILE,
  type ProjectEntry,
  Workspace,
  type WorkspaceFile,
} from "./model/workspace.js";
export * from "./rules/index.js";
export {
  editDistance,
  kpiSchema,
  projectSchema,
  type SchemaProblem,
  validateAgainstSchema,
} from "./schema/index.js";
export {
  type AnalyzedFile,
  analyzeFile,
  fileKind,
  MAX_FILE_BYTES,
  type SourceFile,
} from "./validate/analyze-file.js";
export { compareDiagnostics, type Diagnostic, resolvePosition } from "./validate/diagnostic.js";
export {
  findWorkspaceRoot,
  listWorkspaceFiles,
  readWorkspaceFiles,
  toPosix,
  workspaceRelative,
} from "./validate/load-files.js";
export {
  buildWorkspace,
  todayDate,
  type ValidateOptions,
  type ValidationResult,
  validateFiles,
  validateWorkspace,
} from "./validate/validate.js";
export type { DirectoryValidationResult, ValidateDirectoryOptions } from "./validate/validate-directory.js";
export { validateDirectory } from "./validate/validate-directory.js";
export { validateFileAlone } from "./validate/validate-file-alone.js";
