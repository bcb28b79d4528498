import type { SqlDialect } from "../dialect.js";
import { aggregate, assertGrain, derivedMembers, filterClauseAggregate, quoteWith } from "./common.js";
import { duckdbLexicalRules } from "./lexical.js";

const base = {
  timeValue: (columnSql: string) => columnSql,
  timestampParam: (index: number) => `CAST($${index} AS TIMESTAMP)`,
  aggregate,
};

export const duckdbDialect: SqlDialect = {
  name: "duckdb",
  lexical: duckdbLexicalRules,
  placeholderStyle: "numbered",
  supportsFilterClause: true,
  quoteIdentifier: quoteWith('"', '"'),
  placeholder: (index) => `$${index}`,
  filteredAggregate: filterClauseAggregate,
  // DuckDB's date_trunc('week') is ISO: Monday.
  timeBucket: (grain, columnSql) => {
    assertGrain(grain);
    return `CAST(date_trunc('${grain}', ${columnSql}) AS DATE)`;
  },
  ...base,
  ...derivedMembers(base),
};
