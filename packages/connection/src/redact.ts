const MASK = "***";

// scheme://user:password@host — the password runs to the last '@' before the host,
// because people paste unencoded passwords that contain '@'.
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]*):([^\s/]*)@/gi;
const URL_PASSWORD_ONLY = /([a-z][a-z0-9+.-]*:\/\/):([^\s/]*)@/gi;
const SECRET_QUERY_PARAMS =
  /([?&;](?:password|passwd|pwd|pass|sslpassword|token|access_token|auth_token|api_key|apikey|secret|client_secret)=)[^&\s#;]*/gi;
// libpq / ODBC style "password=secret" outside URLs.
const KEYWORD_PASSWORD = /(\b(?:password|passwd|pwd)\s*=\s*)('[^']*'|"[^"]*"|[^\s;,'"&]+)/gi;

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`; also drops secret query parameters. */
export function redactUrl(url: string): string {
  return url
    .replace(URL_CREDENTIALS, `$1$2:${MASK}@`)
    .replace(URL_PASSWORD_ONLY, `$1:${MASK}@`)
    .replace(SECRET_QUERY_PARAMS, `$1${MASK}`);
}

/**
 * Removes credentials from free text (an error message): URL passwords, secret
 * parameters, `password=...`, and every literal occurrence of `secrets`.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  // Longest first, so a secret that contains another is cut out whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) result = result.split(secret).join(MASK);
  }
  return redactUrl(result).replace(KEYWORD_PASSWORD, `$1${MASK}`);
}

/** The secrets a connection URL carries (the password, raw and decoded), for `redactSecrets`. */
export function urlSecrets(url: string): string[] {
  const secrets = new Set<string>();
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:([^\s/]*)@/i.exec(url);
  const password = match?.[1];
  if (password) {
    secrets.add(password);
    try {
      secrets.add(decodeURIComponent(password));
    } catch {
      // Not valid percent-encoding: the raw form is all there is.
    }
  }
  for (const param of url.matchAll(SECRET_QUERY_PARAMS)) {
    const value = param[0].slice(param[1]?.length ?? 0);
    if (value) secrets.add(value);
  }
  return [...secrets];
}
