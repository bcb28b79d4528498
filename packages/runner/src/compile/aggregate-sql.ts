import type { SqlDialect } from "@kpi-as-code/connection";
import { boundValue } from "../periods/calendar.js";
import { addDays } from "../periods/dates.js";
import type { AggregatedValue, AggregateExpression, AggregateQueryPlan } from "../plan/types.js";

/**
 * Where a statement's bounds come from: named parameters of one period (`:start`, `:end`,
 * `:window_<date>`, bound for the whole statement at once with the `:start`/`:end` of `where` and
 * `expr`, so `?` dialects get them in text order), or the columns of a series' bucket list
 * (bucket-list.ts).
 */
export interface BoundsSql {
  /** The instant T of a state: the period's (or bucket's) start or end, as a timestamp. */
  instant(at: "start" | "end"): string;
  /** The timestamp an expression's rows start at (its window's start, or the period's), null for none. */
  lower(expression: AggregateExpression): string | null;
  /** The lower bound the statement itself applies; an expression with the same one needs no condition. */
  queryLower: string | null;
  /** A `where` or `expr` text with its `:start` and `:end` where this statement finds them. */
  userText(text: string): string;
}

/** The inclusive lower bound (a date) of the rows an expression counts in one period. */
export function lowerDate(
  expression: AggregateExpression,
  period: { start: string; end: string },
): string | null {
  if (expression.window === undefined) return period.start;
  if (expression.window === "all") return null;
  return addDays(period.end, -Number.parseInt(expression.window, 10));
}

/** The bounds of one period as named parameters. */
export function periodBounds(query: AggregateQueryPlan, dialect: SqlDialect): BoundsSql {
  const param = (date: string) =>
    dialect.timestamp(`:${date === query.period.start ? "start" : `window_${date.replaceAll("-", "_")}`}`);
  const lower = (expression: AggregateExpression) => {
    const date = lowerDate(expression, query.period);
    return date === null ? null : param(date);
  };
  let lowest: string | null | undefined;
  for (const expression of query.expressions) {
    const date = lowerDate(expression, query.period);
    if (date === null || lowest === null) lowest = null;
    else if (lowest === undefined || date < lowest) lowest = date;
  }
  return {
    instant: (at) => dialect.timestamp(`:${at}`),
    lower,
    queryLower: lowest === null ? null : param(lowest ?? query.period.start),
    userText: (text) => text,
  };
}

/** The values of periodBounds' parameters. */
export function periodBoundValues(query: AggregateQueryPlan): Record<string, string> {
  const values: Record<string, string> = { start: query.period.start, end: query.period.end };
  for (const expression of query.expressions) {
    const date = lowerDate(expression, query.period);
    if (date !== null && date !== query.period.start) values[`window_${date.replaceAll("-", "_")}`] = date;
  }
  return boundValues(values, query.timezone);
}

/** Bound dates as the engine must compare them: the UTC instants of the calendar zone's midnights. */
export function boundValues(
  values: Record<string, string>,
  timezone: string | undefined,
): Record<string, string> {
  if (timezone === undefined) return values;
  return Object.fromEntries(Object.entries(values).map(([name, date]) => [name, boundValue(date, timezone)]));
}

export function timeColumn(query: AggregateQueryPlan, dialect: SqlDialect): string {
  return dialect.timeValue(dialect.quoteIdentifier(query.time ?? ""));
}

export function valueSql(
  value: AggregatedValue | undefined,
  dialect: SqlDialect,
  bounds: BoundsSql,
): string | null {
  if (value === undefined) return null;
  switch (value.kind) {
    case "column":
      return dialect.quoteIdentifier(value.column);
    case "expr":
      return `(${bounds.userText(value.sql)})`;
    case "duration":
      return dialect.hoursBetween(dialect.quoteIdentifier(value.from), dialect.quoteIdentifier(value.to));
  }
}

/** The rows an expression counts beyond the statement's own bounds: its `where`, its window's start, its state. */
export function conditionSql(
  expression: AggregateExpression,
  query: AggregateQueryPlan,
  bounds: BoundsSql,
  dialect: SqlDialect,
): string | null {
  const conditions: string[] = [];
  if (expression.where !== undefined) conditions.push(`(${bounds.userText(expression.where)})`);
  const lower = bounds.lower(expression);
  if (query.time !== undefined && lower !== null && lower !== bounds.queryLower)
    conditions.push(`${timeColumn(query, dialect)} >= ${lower}`);
  if (expression.active) {
    const at = bounds.instant(expression.active.at);
    const from = dialect.timeValue(dialect.quoteIdentifier(expression.active.from));
    const until = dialect.timeValue(dialect.quoteIdentifier(expression.active.until));
    conditions.push(`${from} < ${at}`, `(${until} IS NULL OR ${until} >= ${at})`);
  }
  return conditions.length === 0 ? null : conditions.join(" AND ");
}
