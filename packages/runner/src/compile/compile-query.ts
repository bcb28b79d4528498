import {
  type AggregateFunction,
  assertReadOnlyQuery,
  bindNamedParams,
  type QueryParam,
  type SqlDialect,
} from "@kpi-as-code/connection";
import type { AggregateExpression, AggregateQueryPlan, QueryPlan, SqlQueryPlan } from "../plan/types.js";
import {
  type BoundsSql,
  boundValues,
  conditionSql,
  periodBounds,
  periodBoundValues,
  timeColumn,
  valueSql,
} from "./aggregate-sql.js";
import { bucketBounds, bucketBoundValues, bucketKeySql, bucketListFrom } from "./bucket-list.js";
import { oneScanSql } from "./one-scan-sql.js";
import { emulatedPercentileSql, type QueryParts } from "./percentile-emulation.js";
import { prependViews, type SourceViews } from "./views.js";

export interface CompiledStatement {
  sql: string;
  params: QueryParam[];
}

export const GROUP_KEY_ALIAS = "k";

export function compileQuery(
  query: QueryPlan,
  dialect: SqlDialect,
  views: SourceViews = {},
): CompiledStatement {
  return query.kind === "aggregate"
    ? compileAggregateQuery(query, dialect, views)
    : compileSqlMeasure(query, dialect);
}

/**
 * One SELECT over one table. Names are checked and quoted by the dialect; the period's bounds (and
 * windows' starts) are parameters, as are `:start` and `:end` in a measure's `where` and `expr`;
 * each measure's `where`, window and state are its aggregate's own filter. A table that names one of
 * the source's views reads it (and the views it reads) as common table expressions.
 */
export function compileAggregateQuery(
  query: AggregateQueryPlan,
  dialect: SqlDialect,
  views: SourceViews = {},
): CompiledStatement {
  const parts = queryParts(query, dialect);
  const emulate = !dialect.nativePercentile && query.expressions.some((e) => e.fraction !== undefined);
  const body = query.oneScan
    ? oneScanSql(query, dialect, parts.from, parts.bounds)
    : emulate
      ? emulatedPercentileSql(query, dialect, parts, GROUP_KEY_ALIAS)
      : plainAggregateSql(query, dialect, parts);
  const sql = prependViews(body, query.table, views, dialect);
  // `where` and `expr` texts come from KPI files: the assembled statement must still be one read-only query.
  if (sql !== body || query.expressions.some((e) => e.where !== undefined || e.value?.kind === "expr"))
    assertReadOnlyQuery(sql, dialect);
  const values = query.groupBy?.kind === "buckets" ? bucketBoundValues(query) : periodBoundValues(query);
  return bindNamedParams(sql, dialect, values);
}

function queryParts(query: AggregateQueryPlan, dialect: SqlDialect): QueryParts {
  if (query.groupBy?.kind === "buckets") {
    const bounds = bucketBounds(query, dialect);
    return { group: bucketKeySql(), from: bucketListFrom(query, dialect, bounds), bounds };
  }
  const bounds = periodBounds(query, dialect);
  const from = [`FROM ${dialect.quoteIdentifier(query.table)}`];
  if (query.time !== undefined) {
    const time = timeColumn(query, dialect);
    const range = [`${time} < ${dialect.timestamp(":end")}`];
    if (bounds.queryLower !== null) range.unshift(`${time} >= ${bounds.queryLower}`);
    from.push(`WHERE ${range.join(" AND ")}`);
  }
  return { group: groupKeySql(query, dialect), from, bounds };
}

function plainAggregateSql(query: AggregateQueryPlan, dialect: SqlDialect, parts: QueryParts): string {
  const columns = query.expressions.map(
    (expression) => `${aggregateSql(expression, query, parts.bounds, dialect)} AS ${expression.alias}`,
  );
  if (parts.group) columns.unshift(`${parts.group} AS ${GROUP_KEY_ALIAS}`);
  const lines = [`SELECT ${columns.join(",\n       ")}`, ...parts.from];
  // The key expression itself, not `GROUP BY 1`: ClickHouse before 22.x groups by the constant 1.
  if (parts.group) lines.push(`GROUP BY ${parts.group}`);
  return lines.join("\n");
}

function aggregateSql(
  expression: AggregateExpression,
  query: AggregateQueryPlan,
  bounds: BoundsSql,
  dialect: SqlDialect,
): string {
  const value = valueSql(expression.value, dialect, bounds);
  const condition = conditionSql(expression, query, bounds, dialect);
  if (expression.fraction !== undefined)
    return dialect.percentile(expression.fraction, value ?? "NULL", condition);
  const fn = expression.aggregate as AggregateFunction;
  return condition === null ? dialect.aggregate(fn, value) : dialect.filteredAggregate(fn, value, condition);
}

function groupKeySql(query: AggregateQueryPlan, dialect: SqlDialect): string | undefined {
  if (!query.groupBy) return undefined;
  if (query.groupBy.kind === "segment") return dialect.quoteIdentifier(query.groupBy.column);
  if (query.groupBy.kind === "buckets") return bucketKeySql();
  return dialect.timeBucket(query.groupBy.grain, dialect.quoteIdentifier(query.time ?? ""));
}

/** A raw `sql` measure: checked read-only, `:start` and `:end` bound as parameters. */
export function compileSqlMeasure(query: SqlQueryPlan, dialect: SqlDialect): CompiledStatement {
  assertReadOnlyQuery(query.sql, dialect);
  const bounds = boundValues({ start: query.window.start, end: query.window.end }, query.timezone);
  return bindNamedParams(query.sql, dialect, bounds);
}
