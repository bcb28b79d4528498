import type { SqlDialect, TimeGrain } from "../dialect.js";
import {
  aggregate,
  assertGrain,
  crossJoinRepeat,
  derivedMembers,
  filterClauseAggregate,
  noNativePercentile,
  quoteWith,
} from "./common.js";
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
  timestamp: (valueSql: string) => `datetime(${valueSql})`,
  placeholder: () => "?",
  aggregate,
};

// CAST truncates towards zero, which is floor for the non-negative numbers it is used on; floor()
// and ceil() exist only in builds with the math functions.
const floor = (expr: string) => `CAST(${expr} AS INTEGER)`;

export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  lexical: sqliteLexicalRules,
  placeholderStyle: "positional",
  joinOnInequality: true,
  commonTableExpressions: true,
  quoteIdentifier: quoteWith('"', '"'),
  filteredAggregate: filterClauseAggregate,
  // No percentile_cont: the runner emulates it with row_number() and count() over the rows.
  nativePercentile: false,
  groupingSets: false,
  repeatRows: crossJoinRepeat,
  percentile: noNativePercentile,
  floor,
  ceil: (expr) => `(${floor(expr)} + (${expr} > ${floor(expr)}))`,
  // julianday() reads every timestamp spelling SQLite keeps (text or Julian day numbers); its
  // difference is off by a few microseconds (a double of ~2.46 million days), so it is rounded to
  // the millisecond, the finest a timestamp text holds: 90 minutes are exactly 1.5.
  hoursBetween: (from, to) => `(round((julianday(${to}) - julianday(${from})) * 86400000) / 3600000.0)`,
  timeBucket,
  ...base,
  ...derivedMembers(base),
};
