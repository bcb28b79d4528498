import { redactSecrets } from "./redact.js";

/**
 * Base of every error this package and the connectors throw. Callers branch on
 * `code` (and the subclass fields), never on the message text.
 */
export abstract class ConnectionError extends Error {
  abstract readonly code: string;
}

export class InvalidIdentifierError extends ConnectionError {
  readonly code = "identifier/invalid";
  constructor(
    readonly identifier: string,
    readonly maxParts = 3,
  ) {
    const parts = maxParts === 3 ? '"schema.name" or "database.schema.name"' : '"schema.name"';
    super(
      `Invalid identifier ${JSON.stringify(identifier)}: use letters, digits and underscores, optionally dotted as ${parts}.`,
    );
    this.name = "InvalidIdentifierError";
  }
}

export type ReadOnlyViolationReason =
  | "empty"
  | "not-a-select"
  | "multiple-statements"
  | "forbidden-keyword"
  | "unterminated";

const readOnlyReasonText: Record<ReadOnlyViolationReason, string> = {
  empty: "the query is empty",
  "not-a-select": "a SQL measure must be one SELECT or WITH query",
  "multiple-statements": "a SQL measure must be a single statement; remove what follows the ';'",
  "forbidden-keyword": "a SQL measure may only read data",
  unterminated: "the query has an unterminated string, quoted identifier or comment",
};

export class ReadOnlyViolationError extends ConnectionError {
  readonly code = "query/not-read-only";
  constructor(
    readonly reason: ReadOnlyViolationReason,
    readonly keyword?: string,
  ) {
    super(`${readOnlyReasonText[reason]}${keyword ? ` (found ${keyword.toUpperCase()})` : ""}.`);
    this.name = "ReadOnlyViolationError";
  }
}

export class MissingEnvError extends ConnectionError {
  readonly code = "env/missing";
  constructor(readonly variable: string) {
    super(`Environment variable ${variable} is not set (referenced as \${env:${variable}}).`);
    this.name = "MissingEnvError";
  }
}

/**
 * - `config`: the source's settings are unusable (no url, unsupported file type)
 * - `not-found`: a database file or a table's file does not exist
 * - `connect`: the server could not be reached or refused the login
 * - `query`: the engine rejected or failed the query
 * - `read-only`: the query tried to change something
 * - `timeout`: the query ran longer than `timeoutMs`
 * - `cancelled`: the caller aborted the query (its `signal`)
 * - `privileged`: the role may read server files or is a superuser, and the run is untrusted
 */
export type SourceErrorKind =
  | "config"
  | "not-found"
  | "connect"
  | "query"
  | "read-only"
  | "timeout"
  | "cancelled"
  | "privileged";

const sourceKindText: Record<SourceErrorKind, string> = {
  config: "invalid configuration",
  "not-found": "file not found",
  connect: "could not connect",
  query: "query failed",
  "read-only": "refused to run a statement that is not a read-only query",
  timeout: "query timed out",
  cancelled: "query cancelled",
  privileged: "refused a role that can read server files or is a superuser (untrusted run)",
};

export interface SourceErrorInit {
  kind: SourceErrorKind;
  /** The source id from kpi.yaml. */
  source?: string | undefined;
  /** The source type (duckdb, postgres, ...). */
  sourceType?: string | undefined;
  /** What went wrong, usually the engine's message; redacted before use. */
  detail?: string | undefined;
  /** The engine's error code (SQLSTATE, errno name), when there is one. */
  engineCode?: string | undefined;
  /** Literal secrets (passwords) to cut out of `detail`, besides what redactSecrets finds itself. */
  secrets?: readonly string[] | undefined;
}

/** A failure of one source. Its message is redacted: it never carries a password or token. */
export class SourceError extends ConnectionError {
  readonly code = "source/error";
  readonly kind: SourceErrorKind;
  readonly source: string | undefined;
  readonly sourceType: string | undefined;
  readonly engineCode: string | undefined;
  readonly detail: string | undefined;

  constructor(init: SourceErrorInit) {
    const detail = init.detail === undefined ? undefined : redactSecrets(init.detail, init.secrets);
    const label = init.source === undefined ? "Source" : `Source "${init.source}"`;
    const labelWithType = init.sourceType ? `${label} (${init.sourceType})` : label;
    super(`${labelWithType}: ${sourceKindText[init.kind]}${detail ? `: ${detail}` : ""}`);
    this.name = "SourceError";
    this.kind = init.kind;
    this.source = init.source;
    this.sourceType = init.sourceType;
    this.engineCode = init.engineCode;
    this.detail = detail;
  }
}

/** Wraps any thrown value as a SourceError (kept as is when it already is one). */
export function toSourceError(
  error: unknown,
  init: Omit<SourceErrorInit, "detail" | "engineCode">,
): SourceError {
  if (error instanceof SourceError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const engineCode =
    typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
      ? error.code
      : undefined;
  return new SourceError({ ...init, detail, engineCode });
}
