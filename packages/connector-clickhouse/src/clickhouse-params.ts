import { clickhouseDialect, type QueryParam, type SqlToken, scanSql } from "@kpi-as-code/connection";

// 18.16 rejects query_params ("Unknown setting param_…"), so a period bound becomes a literal; only
// a strictly checked ISO date (or finite number, or NULL) ever reaches the SQL text, never other text.
// A date, or the UTC instant of a calendar zone's midnight ('YYYY-MM-DD HH:MM:SS').
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])( ([01]\d|2[0-3]):[0-5]\d:[0-5]\d)?$/;
const PLACEHOLDER = /^:kpi_p([1-9]\d*)$/;

export class UnsafeParamError extends Error {
  constructor(readonly index: number) {
    super(`query parameter ${index} is not an ISO date (YYYY-MM-DD[ HH:MM:SS]), a finite number or null`);
    this.name = "UnsafeParamError";
  }
}

/** The SQL literal of one parameter: `toDateTime('YYYY-MM-DD 00:00:00', 'UTC')`, a number or NULL. */
export function paramLiteral(value: QueryParam, index: number): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new UnsafeParamError(index);
    return String(value);
  }
  if (!ISO_DATE.test(value)) throw new UnsafeParamError(index);
  return `toDateTime('${value.length === 10 ? `${value} 00:00:00` : value}', 'UTC')`;
}

/** Replaces each `:kpi_pN` outside strings and comments with the literal of parameter N. */
export function bindLiterals(sql: string, params: readonly QueryParam[]): string {
  return scanSql(sql, clickhouseDialect.lexical)
    .map((token: SqlToken) => {
      const match = token.kind === "named-param" ? PLACEHOLDER.exec(token.text) : null;
      if (!match) return token.text;
      const index = Number(match[1]);
      if (index > params.length) throw new UnsafeParamError(index);
      return paramLiteral(params[index - 1] as QueryParam, index);
    })
    .join("");
}
