import type { SqlDialect } from "../dialect.js";
import { aggregate, assertGrain, derivedMembers, filterClauseAggregate, quoteWith } from "./common.js";
import { postgresLexicalRules } from "./lexical.js";

const base = {
  timeValue: (columnSql: string) => columnSql,
  timestampParam: (index: number) => `CAST($${index} AS TIMESTAMP)`,
  aggregate,
};

export const postgresDialect: SqlDialect = {
  name: "postgres",
  lexical: postgresLexicalRules,
  placeholderStyle: "numbered",
  supportsFilterClause: true,
  quoteIdentifier: quoteWith('"', '"'),
  placeholder: (index) => `$${index}`,
  filteredAggregate: filterClauseAggregate,
  // date_trunc('week') follows ISO 8601, so weeks start on Monday.
  timeBucket: (grain, columnSql) => {
    assertGrain(grain);
    return `CAST(date_trunc('${grain}', ${columnSql}) AS DATE)`;
  },
  ...base,
  ...derivedMembers(base),
};
