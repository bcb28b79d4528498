import type { AggregateFunction, SqlDialect, TimeGrain } from "../dialect.js";
import { assertIdentifier } from "../identifiers.js";

/** Quotes each dotted part of a checked identifier; checked names need no escaping. */
export function quoteWith(open: string, close: string): (name: string) => string {
  return (name) => {
    assertIdentifier(name);
    return name
      .split(".")
      .map((part) => `${open}${part}${close}`)
      .join(".");
  };
}

const AGGREGATES = new Set<string>(["count", "count_distinct", "sum", "avg", "min", "max"]);
const GRAINS = new Set<string>(["day", "week", "month", "quarter"]);

// Both are spliced into SQL; the types say they are safe, this makes sure at run time.
export function assertGrain(grain: TimeGrain): void {
  if (!GRAINS.has(grain)) throw new TypeError(`Unknown time grain ${JSON.stringify(grain)}`);
}

export function aggregate(fn: AggregateFunction, expr: string | null): string {
  if (!AGGREGATES.has(fn)) throw new TypeError(`Unknown aggregate ${JSON.stringify(fn)}`);
  if (expr === null) {
    if (fn !== "count") throw new TypeError(`Aggregate ${fn} needs a column`);
    return "count(*)";
  }
  return fn === "count_distinct" ? `count(DISTINCT ${expr})` : `${fn}(${expr})`;
}

/** `fn(expr) FILTER (WHERE condition)`: PostgreSQL, DuckDB, SQLite >= 3.30. */
export function filterClauseAggregate(fn: AggregateFunction, expr: string | null, condition: string): string {
  return `${aggregate(fn, expr)} FILTER (WHERE ${condition})`;
}

/**
 * `fn(CASE WHEN condition THEN expr END)`: the same result as FILTER everywhere,
 * because every aggregate skips the NULLs that rows failing the condition become.
 */
export function caseWhenAggregate(fn: AggregateFunction, expr: string | null, condition: string): string {
  return aggregate(fn, `CASE WHEN ${condition} THEN ${expr ?? "1"} END`);
}

export function limitOne(selectSql: string): string {
  return `${selectSql}\nLIMIT 1`;
}

/** The members every dialect derives the same way from its primitives. */
export function derivedMembers(
  dialect: Pick<SqlDialect, "timeValue" | "timestampParam" | "aggregate">,
): Pick<SqlDialect, "timeWindow" | "countDistinct" | "limitOne"> {
  return {
    timeWindow: (columnSql, startIndex, endIndex) => {
      const time = dialect.timeValue(columnSql);
      return `${time} >= ${dialect.timestampParam(startIndex)} AND ${time} < ${dialect.timestampParam(endIndex)}`;
    },
    countDistinct: (expr) => dialect.aggregate("count_distinct", expr),
    limitOne,
  };
}
