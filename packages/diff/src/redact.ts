/** Keys of source options whose values are credentials. */
const SECRET_KEY = /pass(word)?|secret|token|api[_-]?key|credential/i;

/**
 * A source value safe to print in a public PR comment: a connection URL loses its userinfo
 * (`postgres://user:pw@host` -> `postgres://***@host`) and secret query parameters; an option
 * named like a credential is masked whole. `${env:NAME}` references carry no secret and stay.
 */
export function redactValue(key: string, value: unknown): unknown {
  if (typeof value !== "string") {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([inner, item]) => [inner, redactValue(inner, item)]),
      );
    }
    return value;
  }
  if (SECRET_KEY.test(key) && !isEnvReference(value)) return "***";
  return redactUrl(value);
}

export function redactUrl(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, "$1***@")
    .replace(/([?&;][^=&;#\s]*(?:pass(?:word)?|secret|token|key)[^=&;#\s]*=)[^&;#\s]*/gi, "$1***");
}

function isEnvReference(value: string): boolean {
  return /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/.test(value);
}
