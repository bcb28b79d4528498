import type { SqlDialect } from "../dialect.js";
import type { SqlLexicalRules } from "../sql-lexer.js";
import {
  aggregate,
  assertGrain,
  derivedMembers,
  filterClauseAggregate,
  percentileCont,
  quoteWith,
} from "./common.js";
import { postgresLexicalRules } from "./lexical.js";

const base = {
  timeValue: (columnSql: string) => columnSql,
  timestamp: (valueSql: string) => `CAST(${valueSql} AS TIMESTAMP)`,
  placeholder: (index: number) => `$${index}`,
  aggregate,
};

/**
 * Hours between two timestamps, as the difference of their epochs: it holds for dates, timestamps
 * and timestamps with time zone alike (in PostgreSQL, a date minus a date is an integer, not an interval).
 */
const HOURS_BETWEEN: Record<"postgres" | "duckdb", (from: string, to: string) => string> = {
  postgres: (from, to) => `((extract(epoch from ${to}) - extract(epoch from ${from})) / 3600)`,
  duckdb: (from, to) => `((epoch(${to}) - epoch(${from})) / 3600)`,
};

/**
 * The PostgreSQL family's SQL: `$n` placeholders, `FILTER (WHERE ...)`, and `date_trunc`, whose weeks
 * follow ISO 8601 (Monday). DuckDB speaks the same; only their lexical rules differ.
 */
export function postgresFamilyDialect(name: "postgres" | "duckdb", lexical: SqlLexicalRules): SqlDialect {
  return {
    name,
    lexical,
    placeholderStyle: "numbered",
    joinOnInequality: true,
    commonTableExpressions: true,
    quoteIdentifier: quoteWith('"', '"', 3),
    filteredAggregate: filterClauseAggregate,
    nativePercentile: true,
    groupingSets: true,
    repeatRows: null,
    percentile: percentileCont,
    floor: (expr) => `floor(${expr})`,
    ceil: (expr) => `ceil(${expr})`,
    hoursBetween: HOURS_BETWEEN[name],
    timeBucket: (grain, columnSql) => {
      assertGrain(grain);
      return `CAST(date_trunc('${grain}', ${columnSql}) AS DATE)`;
    },
    ...base,
    ...derivedMembers(base),
  };
}

export const postgresDialect: SqlDialect = postgresFamilyDialect("postgres", postgresLexicalRules);
