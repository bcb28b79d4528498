import type { SqlDialect, TimeGrain } from "../dialect.js";
import { aggregate, assertGrain, derivedMembers, filterClauseAggregate, quoteWith } from "./common.js";
import { sqliteLexicalRules } from "./lexical.js";

// SQLite keeps timestamps as TEXT ('YYYY-MM-DD HH:MM:SS' or ISO with 'T'/'Z')
// or Julian day numbers. datetime() brings every such spelling to one
// 'YYYY-MM-DD HH:MM:SS' form (UTC), so text comparison orders them correctly.
function timeBucket(grain: TimeGrain, columnSql: string): string {
  assertGrain(grain);
  switch (grain) {
    case "day":
      return `date(${columnSql})`;
    case "week":
      // 'weekday 0' moves forward to Sunday (or stays on it); six days back is that week's Monday.
      return `date(${columnSql}, 'weekday 0', '-6 days')`;
    case "month":
      return `date(${columnSql}, 'start of month')`;
    case "quarter":
      return `date(${columnSql}, 'start of month', '-' || ((CAST(strftime('%m', ${columnSql}) AS INTEGER) - 1) % 3) || ' months')`;
  }
}

const base = {
  timeValue: (columnSql: string) => `datetime(${columnSql})`,
  timestampParam: (_index: number) => "datetime(?)",
  aggregate,
};

export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  lexical: sqliteLexicalRules,
  placeholderStyle: "positional",
  supportsFilterClause: true,
  quoteIdentifier: quoteWith('"', '"'),
  placeholder: () => "?",
  filteredAggregate: filterClauseAggregate,
  timeBucket,
  ...base,
  ...derivedMembers(base),
};
