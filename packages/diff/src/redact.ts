import { redactSecrets } from "@kpi-as-code/connection";
import type { FieldChange } from "./types.js";

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

/**
 * A KPI field change with every text in it through the shared redaction: a raw SQL measure can hold a
 * connection string. KPI fields have no credential keys, so nothing is masked by its name here.
 */
export function redactFieldChange(change: FieldChange): FieldChange {
  return {
    ...change,
    ...(change.before !== undefined ? { before: redactTexts(change.before) } : {}),
    ...(change.after !== undefined ? { after: redactTexts(change.after) } : {}),
    description: redactSecrets(change.description),
  };
}

function redactTexts(value: unknown): unknown {
  if (typeof value === "string") return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redactTexts);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactTexts(item)]));
  }
  return value;
}

function isEnvReference(value: string): boolean {
  return /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/.test(value);
}
