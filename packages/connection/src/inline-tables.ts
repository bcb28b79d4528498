import type { SqlDialect } from "./dialect.js";
import { scanSql } from "./sql-lexer.js";

// Words that may follow a table in FROM/JOIN and are not its alias.
const NOT_AN_ALIAS = new Set([
  "where",
  "join",
  "inner",
  "left",
  "right",
  "full",
  "cross",
  "on",
  "using",
  "group",
  "order",
  "limit",
  "union",
  "having",
  "any",
  "all",
  "global",
  "array",
  "final",
  "sample",
  "prewhere",
  "settings",
  "format",
  "with",
  "window",
  "natural",
  "outer",
  "semi",
  "anti",
  "asof",
  "paste",
]);

/**
 * Replaces each table reference (a name right after FROM or JOIN, quoted or not, outside strings and
 * comments) for which `subquery` gives SQL by that SQL as a derived table: `FROM v` becomes
 * `FROM (<sql>) AS v`, or `FROM (<sql>) x` when the reference has its own alias. For engines without
 * `WITH name AS (...)` (ClickHouse 18.16), so named queries can still be read.
 */
export function inlineTables(
  sql: string,
  dialect: SqlDialect,
  subquery: (name: string) => string | undefined,
): string {
  const tokens = scanSql(sql, dialect.lexical);
  const significant = (index: number, step: 1 | -1) => {
    for (let i = index + step; i >= 0 && i < tokens.length; i += step) {
      const token = tokens[i];
      if (token && token.kind !== "space" && token.kind !== "comment") return token;
    }
    return undefined;
  };
  return tokens
    .map((token, index) => {
      if (token.kind !== "word" && token.kind !== "quoted-identifier") return token.text;
      const before = significant(index, -1);
      const keyword = before?.kind === "word" ? before.text.toLowerCase() : "";
      if (keyword !== "from" && keyword !== "join") return token.text;
      const name = token.kind === "quoted-identifier" ? token.text.slice(1, -1) : token.text;
      const body = subquery(name);
      if (body === undefined) return token.text;
      const after = significant(index, 1);
      const aliased =
        after !== undefined &&
        (after.kind === "quoted-identifier" ||
          (after.kind === "word" && !NOT_AN_ALIAS.has(after.text.toLowerCase())));
      return aliased ? `(\n${body}\n)` : `(\n${body}\n) AS ${dialect.quoteIdentifier(name)}`;
    })
    .join("");
}
