import type { SqlDialect, TimeGrain } from "../dialect.js";
import {
  aggregate,
  assertGrain,
  caseWhenAggregate,
  crossJoinRepeat,
  derivedMembers,
  noNativePercentile,
  quoteWith,
} from "./common.js";
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
  timestamp: (valueSql: string) => `CAST(${valueSql} AS DATETIME)`,
  placeholder: () => "?",
  aggregate,
};

export const mysqlDialect: SqlDialect = {
  name: "mysql",
  lexical: mysqlLexicalRules,
  placeholderStyle: "positional",
  joinOnInequality: true,
  commonTableExpressions: true,
  // Neither MySQL nor MariaDB has FILTER (WHERE ...).
  quoteIdentifier: quoteWith("`", "`"),
  filteredAggregate: caseWhenAggregate,
  // MySQL has no percentile_cont and MariaDB's is a window function only: the runner emulates it.
  nativePercentile: false,
  // MySQL and MariaDB have WITH ROLLUP, not GROUPING SETS.
  groupingSets: false,
  repeatRows: crossJoinRepeat,
  percentile: noNativePercentile,
  floor: (expr) => `FLOOR(${expr})`,
  ceil: (expr) => `CEIL(${expr})`,
  // Microseconds over a float divisor: a DECIMAL division would keep only four decimals.
  hoursBetween: (from, to) => `(TIMESTAMPDIFF(MICROSECOND, ${from}, ${to}) / 3600000000e0)`,
  timeBucket,
  ...base,
  ...derivedMembers(base),
};
