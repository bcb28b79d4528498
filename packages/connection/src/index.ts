export type { AggregateFunction, DialectName, SqlDialect, TimeGrain } from "./dialect.js";
export { dialects, duckdbDialect, mysqlDialect, postgresDialect, sqliteDialect } from "./dialects/index.js";
export { substituteEnv, substituteEnvDeep } from "./env.js";
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
export { assertIdentifier, isIdentifier } from "./identifiers.js";
export { type BoundQuery, bindNamedParams } from "./named-params.js";
export { assertReadOnlyQuery } from "./read-only.js";
export { redactSecrets, redactUrl, urlSecrets } from "./redact.js";
export { connectorTypes, getConnector, registerConnector } from "./registry.js";
export { optionalSourceSetting, requireSourceSetting, substituteSourceEnv } from "./source-config.js";
export { type SqlLexicalRules, type SqlToken, type SqlTokenKind, scanSql } from "./sql-lexer.js";
export type {
  ConnectContext,
  Connection,
  Connector,
  QueryOptions,
  QueryParam,
  Row,
  SourceConfig,
} from "./types.js";
export { isoTimestampFromText, numberFromText, toRowValue } from "./values.js";
