import { SourceError, type SourceErrorKind, toSourceError } from "@kpi-as-code/connection";

export interface FailureContext {
  kind: SourceErrorKind;
  source: string;
  sourceType: string;
  untrusted: boolean;
}

// Kinds whose detail the runner or the connector wrote itself, never the engine.
const OWN_DETAIL: ReadonlySet<SourceErrorKind> = new Set(["config", "privileged"]);

/**
 * The message of a source failure. In an untrusted run the engine's text is replaced by its error
 * code (SQLSTATE, errno): an engine quotes the values it failed on, and a hostile query can make
 * that value a file's contents (`cast(pg_read_file(...) as int)`). The KPI and measure are named
 * by the evaluator around this text.
 */
export function failureText(error: unknown, context: FailureContext): string {
  const sourceError = toSourceError(error, {
    kind: context.kind,
    source: context.source,
    sourceType: context.sourceType,
  });
  if (!context.untrusted || OWN_DETAIL.has(sourceError.kind)) return sourceError.message;
  return new SourceError({
    kind: sourceError.kind,
    source: context.source,
    sourceType: context.sourceType,
    detail: sourceError.engineCode === undefined ? undefined : `error code ${sourceError.engineCode}`,
    engineCode: sourceError.engineCode,
  }).message;
}

/** The kind of a thrown value, for deciding whether a failed batch is worth splitting. */
export function failureKind(error: unknown): SourceErrorKind {
  return error instanceof SourceError ? error.kind : "query";
}
