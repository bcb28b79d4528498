import type { PlainAggregate, SourceType } from "@kpi-as-code/core";
import type { SqlLexicalRules } from "./sql-lexer.js";

export type TimeGrain = "day" | "week" | "month" | "quarter";
/** The aggregates one SQL function computes (core's registry; the continuous ones use `percentile`). */
export type AggregateFunction = PlainAggregate;
/** Every source type of core's registry has a dialect (`dialects` is keyed by them). */
export type DialectName = SourceType;

/**
 * Everything the runner needs to compile a measure to one engine's SQL.
 * Functions take SQL fragments (`columnSql`, `condition`) that the caller built
 * from quoted identifiers or the KPI's own `where` text, and return SQL.
 */
export interface SqlDialect {
  readonly name: DialectName;
  /** How strings and comments are spelled, for the raw-SQL checks. */
  readonly lexical: SqlLexicalRules;
  /** `numbered` ($1, $2: may repeat, any order) or `positional` (?: one per value, in order). */
  readonly placeholderStyle: "numbered" | "positional";

  /** Quotes a checked identifier part by part (`schema.table` becomes `"schema"."table"`; three parts where the engine has them). Throws InvalidIdentifierError. */
  quoteIdentifier(name: string): string;
  /** The placeholder of the 1-based `index`-th parameter. */
  placeholder(index: number): string;
  /** `count(*)` when `expr` is null, `count(DISTINCT x)` for count_distinct, else `fn(expr)`. */
  aggregate(fn: AggregateFunction, expr: string | null): string;
  /** The aggregate over only the rows where `condition` holds (FILTER or CASE WHEN). */
  filteredAggregate(fn: AggregateFunction, expr: string | null, condition: string): string;
  countDistinct(expr: string): string;
  /** The start date of the bucket holding the timestamp (weeks start Monday), as a DATE. */
  timeBucket(grain: TimeGrain, columnSql: string): string;
  /** The time column as the engine must see it to compare it with timestampParam. */
  timeValue(columnSql: string): string;
  /** Parameter `index` (an ISO date 'YYYY-MM-DD') as a timestamp. */
  timestampParam(index: number): string;
  /** A value (a placeholder holding an ISO date) as the timestamp timeValue compares with. */
  timestamp(valueSql: string): string;
  /**
   * Whether `percentile` has the engine's own continuous percentile (percentile_cont). Where it has
   * not, the runner emulates it in the engine's SQL with window functions, using floor and ceil.
   */
  readonly nativePercentile: boolean;
  /**
   * Whether the engine has `GROUP BY GROUPING SETS` with `GROUPING()`: the runner then computes a
   * period's value, its breakdowns and its series in one scan. Without it, the runner groups once by
   * every key and rolls the re-aggregatable measures up itself (core's AGGREGATES `rollUp`).
   */
  readonly groupingSets: boolean;
  /**
   * Without GROUPING SETS: the join that repeats each row of the FROM once per grouping, as a column
   * `alias` holding 0 .. count-1 (ClickHouse `ARRAY JOIN [0, 1, ...]`, elsewhere a CROSS JOIN to a
   * constant list). The runner then groups by that id and each grouping's key, so measures that do
   * not roll up (distinct counts, the engine's own percentiles) share the scan too. Null where the
   * engine has GROUPING SETS.
   */
  readonly repeatRows: ((count: number, alias: string) => string) | null;
  /**
   * With repeated rows: one text key for every grouping's key (`keys`: each grouping's id and key
   * SQL) and a 0/1 flag for a NULL key, so the statement groups by id, text and flag instead of a
   * NULL-padded key per grouping (ClickHouse 18.16 groups by Nullable keys slowly). Absent: a
   * `CASE WHEN id = k THEN key END` per grouping.
   */
  readonly repeatedRowKey?: (
    idSql: string,
    keys: readonly { readonly id: number; readonly sql: string }[],
  ) => { text: string; isNull: string };
  /** percentile_cont(fraction) over `expr`, only over the rows where `condition` holds (when given). */
  percentile(fraction: number, expr: string, condition: string | null): string;
  /** floor and ceil of a non-negative number, as integers. */
  floor(expr: string): string;
  ceil(expr: string): string;
  /** The hours from `fromSql` to `toSql` as a decimal number (90 minutes = 1.5); null when either is null. */
  hoursBetween(fromSql: string, toSql: string): string;
  /** `start <= time < end` with the period bounds in parameters `startIndex` and `endIndex`. */
  timeWindow(columnSql: string, startIndex: number, endIndex: number): string;
  /**
   * Whether `JOIN ... ON` may compare with inequalities (a series reading each bucket's bounds joins
   * the rows to the bucket list so). ClickHouse 18.16 refuses it: there the list is joined `ON 1 = 1`
   * and the conditions filter in WHERE.
   */
  readonly joinOnInequality: boolean;
  /**
   * Whether the engine has `WITH name AS (SELECT ...)`, which views compile to. Without it (ClickHouse
   * 18.16) each view is inlined as a derived table where FROM or JOIN names it (inlineTables).
   */
  readonly commonTableExpressions: boolean;
  /** Limits a SELECT to its first row. */
  limitOne(selectSql: string): string;
}
