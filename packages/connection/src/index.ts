export {
  ALLOW_PATHS_ENV,
  type CheckedFile,
  checkReadableFile,
  type FileRefusal,
  fileRefusalText,
  isReadableFolder,
  readableRoots,
} from "./allowed-files.js";
export { describeSql } from "./describe-sql.js";
export type { AggregateFunction, DialectName, SqlDialect, TimeGrain } from "./dialect.js";
export {
  clickhouseDialect,
  dialects,
  duckdbDialect,
  mysqlDialect,
  postgresDialect,
  sqliteDialect,
} from "./dialects/index.js";
export { envReferences, substituteEnv, substituteEnvDeep } from "./env.js";
export {
  ConnectionError,
  InvalidIdentifierError,
  MissingEnvError,
  ReadOnlyViolationError,
  type ReadOnlyViolationReason,
  SourceError,
  type SourceErrorInit,
  type SourceErrorKind,
  toSourceError,
} from "./errors.js";
export { assertIdentifier } from "./identifiers.js";
export { inlineTables } from "./inline-tables.js";
export { limitRows } from "./limit-rows.js";
export { type BoundQuery, bindNamedParams } from "./named-params.js";
export { QueryStuckError, type QueryWatch, type StopReason, watchQuery } from "./query-watch.js";
export { assertReadOnlyQuery } from "./read-only.js";
export { redactSecrets, redactUrl, urlSecrets } from "./redact.js";
export { connectorTypes, getConnector, registerConnector } from "./registry.js";
export {
  CONNECTION_SETTINGS,
  optionalSourceSetting,
  requireSourceSetting,
  sourceEnvReferences,
  substituteSourceEnv,
} from "./source-config.js";
export { sourceOptions } from "./source-options.js";
export { type SqlLexicalRules, type SqlToken, type SqlTokenKind, scanSql } from "./sql-lexer.js";
export type {
  ConnectContext,
  Connection,
  Connector,
  QueryDescription,
  QueryOptions,
  QueryParam,
  RolePrivileges,
  Row,
  SourceConfig,
} from "./types.js";
export { isoTimestampFromText, numberFromText, rowFromRecord, toRowValue } from "./values.js";
