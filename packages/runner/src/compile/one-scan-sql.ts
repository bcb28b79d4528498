import type { AggregateFunction, SqlDialect } from "@kpi-as-code/connection";
import { AGGREGATES, isAggregate } from "@kpi-as-code/core";
import type { AggregateExpression, AggregateQueryPlan, ScanSet } from "../plan/types.js";
import { type BoundsSql, conditionSql, valueSql } from "./aggregate-sql.js";

// The SQL of a one-scan query (plan/one-scan.ts). With GROUPING SETS every grouping is one set and
// GROUPING() tells a set's rows apart (a segment's NULL value is not the "all" row); read-results
// takes each set's rows. Without them the statement groups by every key at once and each result
// column is what the runner can add up: a mean is carried as its sum and its count. With repeated
// rows (the dialect's `repeatRows`) each row comes once per grouping with the grouping's id; the
// statement groups by the id and, per grouping, `CASE WHEN id = k THEN <key k> END` (NULL for the
// other groupings: the id, never NULL-ness, tells a segment's NULL value from another grouping).
// A searched CASE: ClickHouse 18.16's `CASE id WHEN k` gives NULL for every row.
// A dialect with `repeatedRowKey` (ClickHouse) puts every grouping's key in one text column and a
// NULL flag instead, grouped by id, text and flag: 18.16 groups by Nullable keys slowly.

/** The column holding each repeated row's grouping id (its set's index). */
export const GROUPING_ID_ALIAS = "kpi_grouping_id";

/**
 * With the dialect's `repeatedRowKey`: the columns holding every grouping's key as text and its
 * NULL flag (the grouping id tells whose key it is).
 */
export const REPEATED_KEY_ALIAS = "kpi_key";
export const REPEATED_NULL_ALIAS = "kpi_key_null";

/** The columns holding grouping `set`'s key and, with GROUPING SETS, its GROUPING() flag. */
export function setKeyAlias(set: number): string {
  return `k${set}`;
}

export function setFlagAlias(set: number): string {
  return `g${set}`;
}

/** The result columns of a mean's roll-up: the sum and the count of its values. */
export function meanAliases(alias: string): { sum: string; count: string } {
  return { sum: `${alias}_s`, count: `${alias}_n` };
}

export function rollUpOf(expression: AggregateExpression): "sum" | "min" | "max" | "mean" | undefined {
  if (!isAggregate(expression.aggregate)) return undefined;
  const info = AGGREGATES[expression.aggregate];
  return "rollUp" in info ? info.rollUp : undefined;
}

function setKeySql(set: ScanSet, query: AggregateQueryPlan, dialect: SqlDialect): string | undefined {
  if (set.kind === "total") return undefined;
  if (set.kind === "segment") return dialect.quoteIdentifier(set.column);
  return dialect.timeBucket(set.grain, dialect.quoteIdentifier(query.time ?? ""));
}

function plainAggregate(
  fn: AggregateFunction,
  value: string | null,
  condition: string | null,
  dialect: SqlDialect,
): string {
  return condition === null ? dialect.aggregate(fn, value) : dialect.filteredAggregate(fn, value, condition);
}

/** One expression's result columns: its aggregate, or for a rolled-up mean its sum and count. */
function expressionColumns(
  expression: AggregateExpression,
  query: AggregateQueryPlan,
  bounds: BoundsSql,
  dialect: SqlDialect,
  rollingUp: boolean,
): string[] {
  const value = valueSql(expression.value, dialect, bounds);
  const condition = conditionSql(expression, query, bounds, dialect);
  if (expression.fraction !== undefined)
    return [`${dialect.percentile(expression.fraction, value ?? "NULL", condition)} AS ${expression.alias}`];
  if (rollingUp && rollUpOf(expression) === "mean") {
    const { sum, count } = meanAliases(expression.alias);
    return [
      `${plainAggregate("sum", value, condition, dialect)} AS ${sum}`,
      `${plainAggregate("count", value, condition, dialect)} AS ${count}`,
    ];
  }
  const fn = expression.aggregate as AggregateFunction;
  return [`${plainAggregate(fn, value, condition, dialect)} AS ${expression.alias}`];
}

/** `SELECT <keys>, <aggregates> <from> GROUP BY GROUPING SETS (...)` or `GROUP BY <every key>`. */
export function oneScanSql(
  query: AggregateQueryPlan,
  dialect: SqlDialect,
  from: readonly string[],
  bounds: BoundsSql,
): string {
  const scan = query.oneScan;
  if (!scan) throw new TypeError("Not a one-scan query");
  if (scan.kind === "repeat-rows") return repeatRowsSql(query, dialect, from, bounds);
  const rollingUp = scan.kind === "roll-up";
  const keys: string[] = [];
  const columns: string[] = [];
  scan.sets.forEach((set, index) => {
    const key = setKeySql(set, query, dialect);
    if (key === undefined) return;
    keys.push(key);
    if (!rollingUp) columns.push(`GROUPING(${key}) AS ${setFlagAlias(index)}`);
    columns.push(`${key} AS ${setKeyAlias(index)}`);
  });
  for (const expression of query.expressions)
    columns.push(...expressionColumns(expression, query, bounds, dialect, rollingUp));
  const lines = [`SELECT ${columns.join(",\n       ")}`, ...from];
  if (rollingUp) {
    if (keys.length > 0) lines.push(`GROUP BY ${keys.join(", ")}`);
  } else {
    const sets = scan.sets.map((set) => {
      const key = setKeySql(set, query, dialect);
      return key === undefined ? "()" : `(${key})`;
    });
    lines.push(`GROUP BY GROUPING SETS (${sets.join(", ")})`);
  }
  return lines.join("\n");
}

/** `SELECT id, <each grouping's key or NULL>, <aggregates> <from> <repeat join> GROUP BY id, <keys>`. */
function repeatRowsSql(
  query: AggregateQueryPlan,
  dialect: SqlDialect,
  from: readonly string[],
  bounds: BoundsSql,
): string {
  const scan = query.oneScan as NonNullable<AggregateQueryPlan["oneScan"]>;
  if (!dialect.repeatRows) throw new TypeError(`${dialect.name} cannot repeat rows per grouping`);
  const keys: string[] = [GROUPING_ID_ALIAS];
  const columns: string[] = [GROUPING_ID_ALIAS];
  const setKeys = scan.sets.flatMap((set, index) => {
    const sql = setKeySql(set, query, dialect);
    return sql === undefined ? [] : [{ id: index, sql }];
  });
  if (dialect.repeatedRowKey && setKeys.length > 0) {
    const { text, isNull } = dialect.repeatedRowKey(GROUPING_ID_ALIAS, setKeys);
    keys.push(REPEATED_KEY_ALIAS, REPEATED_NULL_ALIAS);
    columns.push(`${text} AS ${REPEATED_KEY_ALIAS}`, `${isNull} AS ${REPEATED_NULL_ALIAS}`);
  } else {
    for (const { id, sql } of setKeys) {
      const own = `CASE WHEN ${GROUPING_ID_ALIAS} = ${id} THEN ${sql} END`;
      keys.push(own);
      columns.push(`${own} AS ${setKeyAlias(id)}`);
    }
  }
  for (const expression of query.expressions)
    columns.push(...expressionColumns(expression, query, bounds, dialect, false));
  // The join goes right after FROM, before WHERE (ClickHouse's ARRAY JOIN must).
  const [table, ...rest] = from;
  return [
    `SELECT ${columns.join(",\n       ")}`,
    table as string,
    dialect.repeatRows(scan.sets.length, GROUPING_ID_ALIAS),
    ...rest,
    `GROUP BY ${keys.join(", ")}`,
  ].join("\n");
}
