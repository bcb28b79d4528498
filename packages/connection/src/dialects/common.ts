import { PLAIN_AGGREGATE_NAMES } from "@kpi-as-code/core";
import type { AggregateFunction, SqlDialect, TimeGrain } from "../dialect.js";
import { assertIdentifier } from "../identifiers.js";

/**
 * Quotes each dotted part of a checked identifier; checked names need no escaping. `maxParts`: 3 where
 * the engine names tables `database.schema.table` (PostgreSQL, DuckDB), else 2 (`database.table`).
 */
export function quoteWith(open: string, close: string, maxParts: 2 | 3 = 2): (name: string) => string {
  return (name) => {
    assertIdentifier(name, maxParts);
    return name
      .split(".")
      .map((part) => `${open}${part}${close}`)
      .join(".");
  };
}

const AGGREGATES: ReadonlySet<string> = new Set(PLAIN_AGGREGATE_NAMES);
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

// A fraction is spliced into SQL as a literal: it must be a plain number strictly between 0 and 1.
export function fractionLiteral(fraction: number): string {
  if (!(typeof fraction === "number" && fraction > 0 && fraction < 1))
    throw new TypeError(`A percentile must lie strictly between 0 and 1, not ${String(fraction)}`);
  return String(fraction);
}

/** `percentile_cont(P) WITHIN GROUP (ORDER BY x)` [FILTER (WHERE ...)]: PostgreSQL and DuckDB. */
export function percentileCont(fraction: number, expr: string, condition: string | null): string {
  const aggregate = `percentile_cont(${fractionLiteral(fraction)}) WITHIN GROUP (ORDER BY ${expr})`;
  return condition === null ? aggregate : `${aggregate} FILTER (WHERE ${condition})`;
}

export function noNativePercentile(): never {
  throw new TypeError("This dialect has no percentile_cont; the runner emulates it with window functions");
}

export function limitOne(selectSql: string): string {
  return `${selectSql}\nLIMIT 1`;
}

/** The members every dialect derives the same way from its primitives. */
export function derivedMembers(
  dialect: Pick<SqlDialect, "timeValue" | "timestamp" | "aggregate" | "placeholder">,
): Pick<SqlDialect, "timeWindow" | "countDistinct" | "limitOne" | "timestampParam"> {
  return {
    timestampParam: (index) => dialect.timestamp(dialect.placeholder(index)),
    timeWindow: (columnSql, startIndex, endIndex) => {
      const time = dialect.timeValue(columnSql);
      const param = (index: number) => dialect.timestamp(dialect.placeholder(index));
      return `${time} >= ${param(startIndex)} AND ${time} < ${param(endIndex)}`;
    },
    countDistinct: (expr) => dialect.aggregate("count_distinct", expr),
    limitOne,
  };
}

function repeatIds(count: number, alias: string): number[] {
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw new TypeError(`Cannot repeat rows ${String(count)} times`);
  assertIdentifier(alias, 1);
  return Array.from({ length: count }, (_, index) => index);
}

/** ClickHouse: `ARRAY JOIN [0, 1, ...] AS alias` (placed after FROM, before WHERE). */
export function arrayJoinRepeat(count: number, alias: string): string {
  return `ARRAY JOIN [${repeatIds(count, alias).join(", ")}] AS ${alias}`;
}

/** `CROSS JOIN (SELECT 0 AS alias UNION ALL SELECT 1 ...) AS alias_list`: the rows of the FROM, each once per id. */
export function crossJoinRepeat(count: number, alias: string): string {
  const ids = repeatIds(count, alias).map((id, index) =>
    index === 0 ? `SELECT ${id} AS ${alias}` : `SELECT ${id}`,
  );
  return `CROSS JOIN (${ids.join(" UNION ALL ")}) AS ${alias}_list`;
}
