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
  FILE_PROBLEM_CODES,
  type FileProblem,
  type FileProblemCode,
  isInside,
  MAX_FILE_BYTES,
  readInsideRoot,
} from "./document/read-inside-root.js";
export {
  findWorkspaceRoot,
  findWorkspaces,
  listWorkspace,
  listWorkspaceFiles,
  readWorkspaceSources,
  type SourceFile,
  toPosix,
  type WorkspaceListing,
  workspaceReader,
  workspaceRelative,
} from "./document/workspace-files.js";
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
export { parseYamlFast } from "./parse/fast-yaml.js";
export {
  ParsedFile,
  type Path,
  type PathSegment,
  type Span,
  type SyntaxProblem,
} from "./parse/parsed-file.js";
export {
  AGGREGATE_NAMES,
  AGGREGATES,
  type AggregateInfo,
  isAggregate,
  PLAIN_AGGREGATE_NAMES,
  type PlainAggregate,
} from "./registry/aggregates.js";
export {
  isSourceType,
  SOURCE_TYPE_NAMES,
  SOURCE_TYPES,
  type SourceOptionInfo,
  type SourceTypeInfo,
} from "./registry/source-types.js";
export {
  compareDiagnostics,
  type Diagnostic,
  mergeDiagnostics,
  resolvePosition,
} from "./rules/diagnostic.js";
export * from "./rules/index.js";
export {
  editDistance,
  kpiSchema,
  projectSchema,
  type SchemaProblem,
  validateAgainstSchema,
} from "./schema/index.js";
export { type AnalyzedFile, analyzeFile, fileKind } from "./validate/analyze-file.js";
export {
  buildWorkspace,
  type ValidateOptions,
  type ValidationResult,
  validateFiles,
  validateWorkspace,
} from "./validate/validate.js";
export { loadWorkspaceFromDisk, validateDirectory } from "./validate/validate-directory.js";
export { firstFileError, validateFileAlone } from "./validate/validate-file-alone.js";
export {
  FILE_LOCAL_RULES,
  IncrementalValidation,
  type IncrementalValidationOptions,
} from "./validate/validation-engine.js";
export { WorkspaceOnDisk } from "./validate/workspace-on-disk.js";
