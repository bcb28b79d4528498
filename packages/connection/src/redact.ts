// The one redaction every output shares (run results, history, diffs, reports, CLI errors).
// It errs towards hiding too much: a few characters of an error message lost is cheap,
// a password posted in a public pull-request comment is not.

const MASK = "***";

// scheme://user:password@host — people paste unencoded passwords, so the password may hold
// '/', '@', ':' and spaces: it runs to the LAST '@' on the line that a host name follows.
// The scheme starts where a word starts and is short, so a long run of letters is not rescanned
// from each of its positions (that made a 200,000-character message take minutes).
const URL_CREDENTIALS = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/)([^\s/@:]*):([^\n]*)@(?=[\w[\]%.-])/gi;

const SECRET_NAMES =
  "password|passwd|pwd|pass|sslpassword|sslkey|token|access_token|auth_token|refresh_token|api_key|apikey|secret|client_secret|secret_key|access_key|sig|signature|x-amz-signature|x-amz-security-token|credential|credentials";

// ?password=...&token=... in URLs: the value runs to the next parameter.
const SECRET_QUERY_PARAMS = new RegExp(`([?&;](?:${SECRET_NAMES})=)[^&\\s#;]*`, "gi");

// `password=...` in libpq (`host=h password='a b' dbname=d`), ODBC (`Uid=u;Pwd={a;b};`) and free text.
// A value is quoted ('...' with \' or '' escapes, "...", {...} with }} escapes) or runs to a ';', '&',
// the end of the line, or the next `key=`.
const KEY_VALUE_SECRET = new RegExp(
  `(\\b(?:${SECRET_NAMES})\\s*=\\s*)` +
    `('(?:[^'\\\\\\n]|\\\\.|'')*'?|"(?:[^"\\\\\\n]|\\\\.|"")*"?|\\{(?:[^}\\n]|\\}\\})*\\}?|[^\\s;&][^;&\\n]*?(?=\\s+[A-Za-z_][\\w.-]*\\s*=|\\s*[;&\\n]|\\s*$))`,
  "gi",
);

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`; also masks secret query parameters. */
export function redactUrl(url: string): string {
  return url.replace(URL_CREDENTIALS, `$1$2:${MASK}@`).replace(SECRET_QUERY_PARAMS, `$1${MASK}`);
}

/**
 * Removes credentials from free text (an error message, a source setting): URL passwords whatever
 * characters they hold, secret query parameters, `key=value` connection-string secrets (libpq, ODBC,
 * quoted or not), and every literal occurrence of `secrets` (e.g. expanded `${env:...}` values).
 * Stable API: the diff, the runner and the CLI all print through it.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  // Longest first, so a secret that contains another is cut out whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) result = result.split(secret).join(MASK);
  }
  return redactUrl(result).replace(KEY_VALUE_SECRET, `$1${MASK}`);
}

/** The secrets a connection URL carries (the password, raw and decoded), for `redactSecrets`. */
export function urlSecrets(url: string): string[] {
  const secrets = new Set<string>();
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:([^\n]*)@(?=[\w[\]%.-])/i.exec(url);
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
