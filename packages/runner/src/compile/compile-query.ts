import {
  assertReadOnlyQuery,
  bindNamedParams,
  type QueryParam,
  type SqlDialect,
} from "@kpi-as-code/connection";
import type { AggregateExpression, AggregateQueryPlan, QueryPlan, SqlQueryPlan } from "../plan/types.js";

export interface CompiledStatement {
  sql: string;
  params: QueryParam[];
}

export const GROUP_KEY_ALIAS = "k";

export function compileQuery(query: QueryPlan, dialect: SqlDialect): CompiledStatement {
  return query.kind === "aggregate"
    ? compileAggregateQuery(query, dialect)
    : compileSqlMeasure(query, dialect);
}

/**
 * One SELECT over one table. Names are checked and quoted by the dialect, the
 * period bounds are parameters, each measure's `where` is the source's own SQL
 * in parentheses inside its aggregate's filter.
 */
export function compileAggregateQuery(query: AggregateQueryPlan, dialect: SqlDialect): CompiledStatement {
  const columns = query.expressions.map(
    (expression) => `${aggregateSql(expression, dialect)} AS ${expression.alias}`,
  );
  const group = groupKeySql(query, dialect);
  if (group) columns.unshift(`${group} AS ${GROUP_KEY_ALIAS}`);
  const lines = [`SELECT ${columns.join(",\n       ")}`, `FROM ${dialect.quoteIdentifier(query.table)}`];
  const params: QueryParam[] = [];
  if (query.window && query.time) {
    lines.push(`WHERE ${dialect.timeWindow(dialect.quoteIdentifier(query.time), 1, 2)}`);
    params.push(query.window.start, query.window.end);
  }
  if (group) lines.push("GROUP BY 1");
  const sql = lines.join("\n");
  // `where` texts come from KPI files: the assembled statement must still be one read-only query.
  if (query.expressions.some((expression) => expression.where)) assertReadOnlyQuery(sql, dialect);
  return { sql, params };
}

function aggregateSql(expression: AggregateExpression, dialect: SqlDialect): string {
  const column = expression.column === undefined ? null : dialect.quoteIdentifier(expression.column);
  if (expression.where === undefined) return dialect.aggregate(expression.aggregate, column);
  return dialect.filteredAggregate(expression.aggregate, column, `(${expression.where})`);
}

function groupKeySql(query: AggregateQueryPlan, dialect: SqlDialect): string | undefined {
  if (!query.groupBy) return undefined;
  if (query.groupBy.kind === "segment") return dialect.quoteIdentifier(query.groupBy.column);
  return dialect.timeBucket(query.groupBy.grain, dialect.quoteIdentifier(query.time ?? ""));
}

/** A raw `sql` measure: checked read-only, `:start` and `:end` bound as parameters. */
export function compileSqlMeasure(query: SqlQueryPlan, dialect: SqlDialect): CompiledStatement {
  assertReadOnlyQuery(query.sql, dialect);
  return bindNamedParams(query.sql, dialect, { start: query.window.start, end: query.window.end });
}
