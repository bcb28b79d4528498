import type { SqlDialect } from "./dialect.js";
import { mysqlLexicalRules, postgresLexicalRules } from "./dialects/lexical.js";
import { ReadOnlyViolationError } from "./errors.js";
import { type SqlLexicalRules, type SqlToken, scanSql } from "./sql-lexer.js";

const ALLOWED_FIRST_KEYWORDS = new Set(["select", "with"]);

// Reserved words that can only mean a change, looked for anywhere outside strings:
// data-modifying CTEs (`WITH x AS (DELETE ...)`), `SELECT ... INTO table/OUTFILE`.
// Statements such as COPY, ATTACH, PRAGMA or INSTALL are caught by the first-keyword
// check; they are not reserved, so looking for them anywhere would reject columns named "copy".
const FORBIDDEN_KEYWORDS = new Set([
  "insert",
  "update",
  "delete",
  "merge",
  "drop",
  "create",
  "alter",
  "truncate",
  "grant",
  "revoke",
  "into",
]);

/**
 * Checks that raw SQL is exactly one SELECT or WITH query that names no
 * data-changing keyword, for a clear early message. The engine-level read-only
 * mode of each connector is the real guarantee.
 *
 * Without a dialect the text is checked under both PostgreSQL and MySQL quoting
 * rules, so a string that only one of them would end early cannot hide a statement.
 */
export function assertReadOnlyQuery(sql: string, dialect?: Pick<SqlDialect, "lexical">): void {
  const ruleSets = dialect ? [dialect.lexical] : [postgresLexicalRules, mysqlLexicalRules];
  for (const rules of ruleSets) checkWithRules(sql, rules);
}

function checkWithRules(sql: string, rules: SqlLexicalRules): void {
  const tokens = scanSql(sql, rules);
  if (tokens.some((token) => token.kind === "unterminated")) throw new ReadOnlyViolationError("unterminated");
  const significant = tokens.filter((token) => token.kind !== "space" && token.kind !== "comment");
  const firstSemicolon = significant.findIndex((token) => token.kind === "semicolon");
  const statement = firstSemicolon === -1 ? significant : significant.slice(0, firstSemicolon);
  if (
    firstSemicolon !== -1 &&
    significant.slice(firstSemicolon).some((token) => token.kind !== "semicolon")
  ) {
    throw new ReadOnlyViolationError("multiple-statements");
  }
  const first = statement.find((token) => token.text !== "(");
  if (first === undefined) throw new ReadOnlyViolationError("empty");
  if (first.kind !== "word" || !ALLOWED_FIRST_KEYWORDS.has(first.text.toLowerCase())) {
    throw new ReadOnlyViolationError("not-a-select", first.kind === "word" ? first.text : undefined);
  }
  const forbidden = statement.find((token, index) => isForbiddenKeyword(token, statement[index - 1]));
  if (forbidden) throw new ReadOnlyViolationError("forbidden-keyword", forbidden.text);
}

function isForbiddenKeyword(token: SqlToken, previous: SqlToken | undefined): boolean {
  // `t.update` is a column reference, not a statement.
  return token.kind === "word" && FORBIDDEN_KEYWORDS.has(token.text.toLowerCase()) && previous?.text !== ".";
}
