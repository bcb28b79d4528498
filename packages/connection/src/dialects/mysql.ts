import type { SqlDialect, TimeGrain } from "../dialect.js";
import { aggregate, assertGrain, caseWhenAggregate, derivedMembers, quoteWith } from "./common.js";
import { mysqlLexicalRules } from "./lexical.js";

function timeBucket(grain: TimeGrain, columnSql: string): string {
  assertGrain(grain);
  switch (grain) {
    case "day":
      return `DATE(${columnSql})`;
    case "week":
      // WEEKDAY() is 0 on Monday.
      return `DATE_SUB(DATE(${columnSql}), INTERVAL WEEKDAY(${columnSql}) DAY)`;
    case "month":
      return `DATE_SUB(DATE(${columnSql}), INTERVAL (DAYOFMONTH(${columnSql}) - 1) DAY)`;
    case "quarter":
      return `MAKEDATE(YEAR(${columnSql}), 1) + INTERVAL (QUARTER(${columnSql}) - 1) QUARTER`;
  }
}

const base = {
  timeValue: (columnSql: string) => columnSql,
  timestampParam: (_index: number) => "CAST(? AS DATETIME)",
  aggregate,
};

export const mysqlDialect: SqlDialect = {
  name: "mysql",
  lexical: mysqlLexicalRules,
  placeholderStyle: "positional",
  // Neither MySQL nor MariaDB has FILTER (WHERE ...).
  supportsFilterClause: false,
  quoteIdentifier: quoteWith("`", "`"),
  placeholder: () => "?",
  filteredAggregate: caseWhenAggregate,
  timeBucket,
  ...base,
  ...derivedMembers(base),
};
