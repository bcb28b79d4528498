import type { DialectName, SqlDialect } from "../dialect.js";
import type { SqlLexicalRules } from "../sql-lexer.js";
import { aggregate, assertGrain, derivedMembers, filterClauseAggregate, quoteWith } from "./common.js";
import { postgresLexicalRules } from "./lexical.js";

const base = {
  timeValue: (columnSql: string) => columnSql,
  timestampParam: (index: number) => `CAST($${index} AS TIMESTAMP)`,
  aggregate,
};

/**
 * The PostgreSQL family's SQL: `$n` placeholders, `FILTER (WHERE ...)`, and `date_trunc`, whose weeks
 * follow ISO 8601 (Monday). DuckDB speaks the same; only their lexical rules differ.
 */
export function postgresFamilyDialect(name: DialectName, lexical: SqlLexicalRules): SqlDialect {
  return {
    name,
    lexical,
    placeholderStyle: "numbered",
    supportsFilterClause: true,
    quoteIdentifier: quoteWith('"', '"'),
    placeholder: (index) => `$${index}`,
    filteredAggregate: filterClauseAggregate,
    timeBucket: (grain, columnSql) => {
      assertGrain(grain);
      return `CAST(date_trunc('${grain}', ${columnSql}) AS DATE)`;
    },
    ...base,
    ...derivedMembers(base),
  };
}

export const postgresDialect: SqlDialect = postgresFamilyDialect("postgres", postgresLexicalRules);
