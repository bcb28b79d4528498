import type { AggregateFunction, SqlDialect, TimeGrain } from "../dialect.js";
import {
  arrayJoinRepeat,
  assertGrain,
  derivedMembers,
  fractionLiteral,
  aggregate as plainAggregate,
  quoteWith,
} from "./common.js";
import { clickhouseLexicalRules } from "./lexical.js";

/**
 * ClickHouse (tested against 18.16). Its aggregates over no rows give 0 or nan where SQL gives NULL,
 * and 18.16 has no -OrNull combinator: each aggregate is NULL unless some row counted.
 */
function aggregate(fn: AggregateFunction, expr: string | null): string {
  plainAggregate(fn, expr); // checks the name and that only count goes without a column
  if (expr === null) return "count()";
  if (fn === "count") return `count(${expr})`;
  if (fn === "count_distinct") return `uniqExact(${expr})`;
  return `if(count(${expr}) = 0, NULL, ${fn}(${expr}))`;
}

/** `-If` combinators instead of FILTER; a NULL condition counts as false, like FILTER's. */
function filteredAggregate(fn: AggregateFunction, expr: string | null, condition: string): string {
  plainAggregate(fn, expr);
  const holds = `ifNull(${condition}, 0)`;
  if (expr === null) return `countIf(${holds})`;
  // count(expr) counts the non-NULL values: no `isNotNull(expr) AND …` column to compute per row.
  const counted = `countIf(${expr}, ${holds})`;
  if (fn === "count") return counted;
  if (fn === "count_distinct") return `uniqExactIf(${expr}, ${holds})`;
  return `if(${counted} = 0, NULL, ${fn}If(${expr}, ${holds}))`;
}

/**
 * percentile_cont: 18.16 has no interpolating quantile (quantileExact picks a row), so the values
 * are gathered and sorted in the engine and the two neighbours of rank P·(n−1) interpolated there.
 */
function percentile(fraction: number, expr: string, condition: string | null): string {
  const p = fractionLiteral(fraction);
  const holds = condition === null ? `isNotNull(${expr})` : `isNotNull(${expr}) AND ifNull(${condition}, 0)`;
  const values = `arraySort(groupArrayIf(toFloat64(assumeNotNull(${expr})), ${holds}))`;
  const interpolate =
    `a -> if(length(a) = 0, NULL, ` +
    `a[toUInt64(floor(${p} * (length(a) - 1))) + 1] + (${p} * (length(a) - 1) - floor(${p} * (length(a) - 1))) * ` +
    `(a[toUInt64(ceil(${p} * (length(a) - 1))) + 1] - a[toUInt64(floor(${p} * (length(a) - 1))) + 1]))`;
  return `arrayElement(arrayMap(${interpolate}, [${values}]), 1)`;
}

/**
 * Repeated rows' one key: each grouping's key as String (NULL as '') and a UInt8 flag for NULL, both
 * picked by the grouping id. 18.16 groups by Nullable keys slowly, and by one String key faster than
 * by one key column per grouping; the id tells the groupings apart, the flag NULL from ''.
 */
function repeatedRowKey(
  idSql: string,
  keys: readonly { readonly id: number; readonly sql: string }[],
): { text: string; isNull: string } {
  const pick = (value: (sql: string) => string, otherwise: string) =>
    `multiIf(${keys.map((key) => `${idSql} = ${key.id}, ${value(key.sql)}`).join(", ")}, ${otherwise})`;
  return {
    text: pick((sql) => `ifNull(toString(${sql}), '')`, "''"),
    isNull: pick((sql) => `isNull(${sql})`, "0"),
  };
}

function timeBucket(grain: TimeGrain, columnSql: string): string {
  assertGrain(grain);
  switch (grain) {
    case "day":
      return `toDate(${columnSql})`;
    case "week":
      return `toMonday(${columnSql})`;
    case "month":
      return `toStartOfMonth(${columnSql})`;
    case "quarter":
      return `toStartOfQuarter(${columnSql})`;
  }
}

const base = {
  timeValue: (columnSql: string) => `toDateTime(${columnSql}, 'UTC')`,
  // The connector renders each period bound as a checked `toDateTime('…', 'UTC')` literal.
  timestamp: (valueSql: string) => valueSql,
  placeholder: (index: number) => `:kpi_p${index}`,
  aggregate,
};

export const clickhouseDialect: SqlDialect = {
  name: "clickhouse",
  lexical: clickhouseLexicalRules,
  // 18.16 rejects query_params: the connector replaces each `:kpi_pN` with a checked literal.
  placeholderStyle: "numbered",
  // 18.16: "JOIN ON inequalities are not supported" (code 403).
  joinOnInequality: false,
  // 18.16 knows `WITH expr AS name` only, not `WITH name AS (subquery)`.
  commonTableExpressions: false,
  quoteIdentifier: quoteWith("`", "`"),
  filteredAggregate,
  nativePercentile: true,
  // GROUPING SETS came in 22.x: the runner rolls segments and buckets up itself.
  groupingSets: false,
  repeatRows: arrayJoinRepeat,
  repeatedRowKey,
  percentile,
  floor: (expr) => `toInt64(floor(${expr}))`,
  ceil: (expr) => `toInt64(ceil(${expr}))`,
  hoursBetween: (from, to) => `((toUnixTimestamp(${to}) - toUnixTimestamp(${from})) / 3600)`,
  timeBucket,
  ...base,
  ...derivedMembers(base),
};
