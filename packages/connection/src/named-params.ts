import type { SqlDialect } from "./dialect.js";
import { scanSql } from "./sql-lexer.js";
import type { QueryParam } from "./types.js";

export interface BoundQuery {
  sql: string;
  params: QueryParam[];
}

/**
 * Rewrites named parameters (`:start`, `:end`) of a raw SQL measure into the
 * dialect's placeholders. Only names present in `values` are rewritten; text in
 * strings, quoted names, comments and `::type` casts is left alone. Each
 * occurrence gets its own placeholder, which suits `?` and `$n` dialects alike.
 */
export function bindNamedParams(
  sql: string,
  dialect: Pick<SqlDialect, "lexical" | "placeholder">,
  values: Readonly<Record<string, QueryParam>>,
): BoundQuery {
  const params: QueryParam[] = [];
  let rewritten = "";
  for (const token of scanSql(sql, dialect.lexical)) {
    const name = token.text.slice(1);
    if (token.kind === "named-param" && Object.hasOwn(values, name)) {
      params.push(values[name] as QueryParam);
      rewritten += dialect.placeholder(params.length);
    } else {
      rewritten += token.text;
    }
  }
  return { sql: rewritten, params };
}
