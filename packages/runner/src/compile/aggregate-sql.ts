import type { SqlDialect } from "@kpi-as-code/connection";
import { addDays } from "../periods/dates.js";
import type { AggregatedValue, AggregateExpression, AggregateQueryPlan } from "../plan/types.js";

// The SQL pieces of one aggregate expression. Period bounds are named parameters (`:start`, `:end`,
// `:window_<N>d`), bound for the whole statement at once with the `:start`/`:end` of `where` and
// `expr` (compile-query.ts), so every dialect's placeholders come out in the right order.

/** The inclusive lower bound of the rows an expression counts: the period's start, `end - N days`, or none. */
export function lowerBound(expression: AggregateExpression, query: AggregateQueryPlan): string | null {
  if (expression.window === undefined) return query.period.start;
  if (expression.window === "all") return null;
  return addDays(query.period.end, -Number.parseInt(expression.window, 10));
}

/** The query's own lower bound: the earliest of its expressions' (none when any has none). */
export function queryLowerBound(query: AggregateQueryPlan): string | null {
  let lowest: string | undefined;
  for (const expression of query.expressions) {
    const bound = lowerBound(expression, query);
    if (bound === null) return null;
    if (lowest === undefined || bound < lowest) lowest = bound;
  }
  return lowest ?? query.period.start;
}

/** The parameter name of a lower bound and its value. */
export function lowerBoundParam(bound: string, query: AggregateQueryPlan): string {
  return bound === query.period.start ? "start" : `window_${bound.replaceAll("-", "_")}`;
}

export function timeAtLeast(query: AggregateQueryPlan, bound: string, dialect: SqlDialect): string {
  const time = dialect.timeValue(dialect.quoteIdentifier(query.time ?? ""));
  return `${time} >= ${dialect.timestamp(`:${lowerBoundParam(bound, query)}`)}`;
}

export function timeBefore(query: AggregateQueryPlan, dialect: SqlDialect): string {
  return `${dialect.timeValue(dialect.quoteIdentifier(query.time ?? ""))} < ${dialect.timestamp(":end")}`;
}

export function valueSql(value: AggregatedValue | undefined, dialect: SqlDialect): string | null {
  if (value === undefined) return null;
  switch (value.kind) {
    case "column":
      return dialect.quoteIdentifier(value.column);
    case "expr":
      return `(${value.sql})`;
    case "duration":
      return dialect.hoursBetween(dialect.quoteIdentifier(value.from), dialect.quoteIdentifier(value.to));
  }
}

/** The rows an expression counts beyond the query's WHERE: its `where`, its window's start, its state. */
export function conditionSql(
  expression: AggregateExpression,
  query: AggregateQueryPlan,
  queryLower: string | null,
  dialect: SqlDialect,
): string | null {
  const conditions: string[] = [];
  if (expression.where !== undefined) conditions.push(`(${expression.where})`);
  const lower = lowerBound(expression, query);
  if (query.time !== undefined && lower !== null && lower !== queryLower)
    conditions.push(timeAtLeast(query, lower, dialect));
  if (expression.active) {
    const at = dialect.timestamp(`:${expression.active.at}`);
    const from = dialect.timeValue(dialect.quoteIdentifier(expression.active.from));
    const until = dialect.timeValue(dialect.quoteIdentifier(expression.active.until));
    conditions.push(`${from} < ${at}`, `(${until} IS NULL OR ${until} >= ${at})`);
  }
  return conditions.length === 0 ? null : conditions.join(" AND ");
}

/** The parameters of a statement: the period's bounds and every window's start. */
export function boundValues(query: AggregateQueryPlan): Record<string, string> {
  const values: Record<string, string> = { start: query.period.start, end: query.period.end };
  for (const expression of query.expressions) {
    const bound = lowerBound(expression, query);
    if (bound !== null) values[lowerBoundParam(bound, query)] = bound;
  }
  return values;
}
