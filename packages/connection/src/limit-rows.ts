import { type SqlLexicalRules, type SqlToken, scanSql } from "./sql-lexer.js";

/**
 * Wraps one read-only query so the engine returns at most `rows` rows: a raw SQL measure that
 * selects a hundred million rows then costs two, whatever the engine (all four take a derived
 * table with `AS` and `LIMIT`). Trailing semicolons and comments are dropped first, since they
 * cannot sit inside the parentheses.
 */
export function limitRows(sql: string, lexical: SqlLexicalRules, rows: number): string {
  if (!Number.isInteger(rows) || rows < 1)
    throw new TypeError(`limitRows needs a positive row count, got ${rows}`);
  const tokens = scanSql(sql, lexical);
  let last = tokens.length - 1;
  while (last >= 0 && isDroppableTail(tokens[last] as SqlToken)) last--;
  const body = last < 0 ? "" : sql.slice(0, (tokens[last] as SqlToken).end);
  return `SELECT * FROM (\n${body}\n) AS kpi_sql_measure LIMIT ${rows}`;
}

// An executable comment's closing `*/` is a "space" token too, but it is code: keep it.
function isDroppableTail(token: SqlToken): boolean {
  if (token.kind === "space") return token.text.trim() === "";
  return token.kind === "comment" || token.kind === "semicolon";
}
