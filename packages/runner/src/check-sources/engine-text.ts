import { redactSecrets, toSourceError } from "@kpi-as-code/connection";

export interface EngineTextContext {
  source: string;
  sourceType: string;
  untrusted: boolean;
  secrets: readonly string[];
}

/**
 * The engine's own words for a failed check, redacted. In an untrusted run only its error code:
 * an engine may quote what it failed on, and a hostile text can make that a file's contents.
 */
export function engineText(error: unknown, context: EngineTextContext): string {
  const failure = toSourceError(error, {
    kind: "query",
    source: context.source,
    sourceType: context.sourceType,
  });
  if (context.untrusted)
    return failure.engineCode === undefined ? failure.kind : `error code ${failure.engineCode}`;
  return redactSecrets(failure.detail ?? failure.message, context.secrets)
    .replace(/\s+/g, " ")
    .trim();
}
