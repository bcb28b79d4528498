import { type SqlDialect, scanSql } from "@kpi-as-code/connection";
import type { AggregateExpression, AggregateQueryPlan, SeriesBucketBounds } from "../plan/types.js";
import { type BoundsSql, boundValues, lowerDate, timeColumn } from "./aggregate-sql.js";

// A series of measures that read each bucket's bounds (windows, states, `:start`/`:end`) in one
// statement: the rows are joined to a list of the buckets, one row per bucket with its bounds as
// parameters, and grouped by the bucket's key. A row in several buckets' windows counts in each.

const BUCKET = "kpi_bucket";
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type BucketsGrouping = { kind: "buckets"; buckets: readonly SeriesBucketBounds[] };

function grouping(query: AggregateQueryPlan): BucketsGrouping {
  if (query.groupBy?.kind !== "buckets") throw new TypeError("Not a bucket-list query");
  return query.groupBy;
}

/** The lower bound columns the list carries: `s` (the bucket's start) and one per window length. */
function lowerColumn(expression: AggregateExpression): string | null {
  if (expression.window === undefined) return "kpi_start";
  return expression.window === "all" ? null : `kpi_from_${Number.parseInt(expression.window, 10)}`;
}

function windowLengths(query: AggregateQueryPlan): string[] {
  const windows = query.expressions.map((expression) => expression.window);
  return [...new Set(windows.filter((window) => window !== undefined && window !== "all"))] as string[];
}

/** Whether the statement joins from the lowest bound (`kpi_low`) or from none (a `window: all`). */
function queryLowerColumn(query: AggregateQueryPlan): string | null {
  const columns = query.expressions.map(lowerColumn);
  if (columns.includes(null)) return null;
  return new Set(columns).size === 1 ? (columns[0] as string) : "kpi_low";
}

export function bucketBounds(query: AggregateQueryPlan, dialect: SqlDialect): BoundsSql {
  const queryLower = query.time === undefined ? null : queryLowerColumn(query);
  return {
    instant: (at) => `${BUCKET}.kpi_${at}`,
    lower: (expression) => {
      const column = lowerColumn(expression);
      return column === null ? null : `${BUCKET}.${column}`;
    },
    queryLower: queryLower === null ? null : `${BUCKET}.${queryLower}`,
    userText: (text) =>
      scanSql(text, dialect.lexical)
        .map((token) => {
          const name = token.text.slice(1);
          const bound = token.kind === "named-param" && (name === "start" || name === "end");
          return bound ? `${BUCKET}.kpi_${name}` : token.text;
        })
        .join(""),
  };
}

/** `FROM <table> JOIN (<bucket list>) kpi_bucket ON <the rows each bucket reads>`. */
export function bucketListFrom(query: AggregateQueryPlan, dialect: SqlDialect, bounds: BoundsSql): string[] {
  const { buckets } = grouping(query);
  const windows = windowLengths(query);
  const hasLow = queryLowerColumn(query) === "kpi_low";
  const rows = buckets.map((bucket, index) => {
    // The key is spliced as a literal: it is a date the runner made, and checked to be one.
    if (!DATE.test(bucket.key)) throw new TypeError(`Bad bucket key ${JSON.stringify(bucket.key)}`);
    const columns = [
      `'${bucket.key}' AS kpi_key`,
      `${dialect.timestamp(`:b${index}_start`)} AS kpi_start`,
      `${dialect.timestamp(`:b${index}_end`)} AS kpi_end`,
      ...windows.map((window) => {
        const days = Number.parseInt(window, 10);
        return `${dialect.timestamp(`:b${index}_from_${days}`)} AS kpi_from_${days}`;
      }),
    ];
    if (hasLow) columns.push(`${dialect.timestamp(`:b${index}_low`)} AS kpi_low`);
    return `SELECT ${columns.join(", ")}`;
  });
  const on: string[] = [];
  if (query.time !== undefined) {
    if (bounds.queryLower !== null) on.push(`${timeColumn(query, dialect)} >= ${bounds.queryLower}`);
    on.push(`${timeColumn(query, dialect)} < ${BUCKET}.kpi_end`);
  }
  const join = [
    `FROM ${dialect.quoteIdentifier(query.table)}`,
    `JOIN (${rows.join("\n      UNION ALL ")}) ${BUCKET}`,
  ];
  if (on.length === 0) return [...join, "  ON 1 = 1"];
  // Engines that refuse inequalities in ON (ClickHouse 18.16) get every pair and filter it in WHERE.
  if (!dialect.joinOnInequality) return [...join, "  ON 1 = 1", `WHERE ${on.join(" AND ")}`];
  return [...join, `  ON ${on.join(" AND ")}`];
}

export function bucketKeySql(): string {
  return `${BUCKET}.kpi_key`;
}

/** The values of the list's parameters: each bucket's bounds, window starts and lowest bound. */
export function bucketBoundValues(query: AggregateQueryPlan): Record<string, string> {
  const windows = windowLengths(query);
  const hasLow = queryLowerColumn(query) === "kpi_low";
  const values: Record<string, string> = {};
  grouping(query).buckets.forEach((bucket, index) => {
    values[`b${index}_start`] = bucket.start;
    values[`b${index}_end`] = bucket.end;
    for (const window of windows)
      values[`b${index}_from_${Number.parseInt(window, 10)}`] = lowerDate(
        { window } as AggregateExpression,
        bucket,
      ) as string;
    if (hasLow) {
      const lowers = query.expressions.map((expression) => lowerDate(expression, bucket) as string);
      values[`b${index}_low`] = lowers.sort()[0] as string; // ISO dates sort as they follow each other
    }
  });
  return boundValues(values, query.timezone);
}
