import { redactSecrets } from "@kpi-as-code/connection";

/** Keys of source options whose values are credentials. */
const SECRET_KEY = /pass(word)?|secret|token|api[_-]?key|credential/i;

/**
 * A source value safe to print in a public PR comment: an option named like a credential is masked
 * whole; any other text goes through the one redaction every output shares (connection URLs with any
 * characters in the password, `key=value` connection strings, secret query parameters).
 * `${env:NAME}` references carry no secret and stay.
 */
export function redactValue(key: string, value: unknown): unknown {
  if (typeof value !== "string") {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([inner, item]) => [inner, redactValue(inner, item)]),
      );
    }
    if (Array.isArray(value)) return value.map((item) => redactValue(key, item));
    return value;
  }
  if (SECRET_KEY.test(key) && !isEnvReference(value)) return "***";
  return redactSecrets(value);
}

function isEnvReference(value: string): boolean {
  return /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/.test(value);
}
