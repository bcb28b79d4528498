import type { AggregateFunction, SqlDialect } from "@kpi-as-code/connection";
import type { AggregateExpression, AggregateQueryPlan } from "../plan/types.js";
import { type BoundsSql, conditionSql, valueSql } from "./aggregate-sql.js";

export interface QueryParts {
  /** The group key's SQL, when grouped. */
  group: string | undefined;
  /** `FROM <table>` and its WHERE (or its join to a series' buckets). */
  from: string[];
  bounds: BoundsSql;
}

/**
 * A batch with a percentile on an engine without percentile_cont (SQLite, MySQL, MariaDB), computed
 * in the engine's SQL: the rows' values (each measure's, filtered by its own condition) are numbered
 * in ascending order per group by row_number(), with nulls last, and counted; the outer query picks
 * x[floor(h)] and x[ceil(h)] with h = (n-1)*P and interpolates, as percentile_cont does. The other
 * measures of the batch aggregate the same numbered rows, so the table is still scanned once.
 */
export function emulatedPercentileSql(
  query: AggregateQueryPlan,
  dialect: SqlDialect,
  parts: QueryParts,
  groupAlias: string,
): string {
  const keyed = parts.group !== undefined;
  const values = query.expressions.map((expression, index) => {
    const value = valueSql(expression.value, dialect, parts.bounds);
    const condition = conditionSql(expression, query, parts.bounds, dialect);
    if (value === null) return condition === null ? null : `CASE WHEN ${condition} THEN 1 END AS v${index}`;
    return `${condition === null ? value : `CASE WHEN ${condition} THEN ${value} END`} AS v${index}`;
  });
  const rowColumns = values.filter((value): value is string => value !== null);
  if (keyed) rowColumns.unshift(`${parts.group} AS ${groupAlias}`);
  if (rowColumns.length === 0) rowColumns.push("1 AS one");
  const partition = keyed ? `PARTITION BY ${groupAlias} ` : "";
  const ranked = [
    keyed ? groupAlias : undefined,
    ...values.map((value, index) => (value === null ? undefined : `v${index}`)),
  ];
  query.expressions.forEach((expression, index) => {
    if (expression.fraction === undefined) return;
    const v = `v${index}`;
    ranked.push(
      `row_number() OVER (${partition}ORDER BY CASE WHEN ${v} IS NULL THEN 1 ELSE 0 END, ${v}) AS r${index}`,
      `(count(${v}) OVER (${partition.trim()}) - 1) * ${fractionSql(expression.fraction)} AS h${index}`,
    );
  });
  const outer = query.expressions.map(
    (expression, index) =>
      `${outerAggregate(expression, index, values[index] !== null, dialect)} AS ${expression.alias}`,
  );
  if (keyed) outer.unshift(groupAlias);
  const lines = [
    `SELECT ${outer.join(",\n       ")}`,
    "FROM (",
    `  SELECT ${ranked.filter((column) => column !== undefined).join(",\n         ") || "1 AS one"}`,
    "  FROM (",
    `    SELECT ${rowColumns.join(",\n           ")}`,
    ...parts.from.map((line) => `    ${line}`),
    "  ) kpi_rows",
    ") kpi_ranked",
  ];
  if (keyed) lines.push(`GROUP BY ${groupAlias}`);
  return lines.join("\n");
}

// The fraction is spliced into the SQL: the schema bounds it, and this makes sure of it at run time.
function fractionSql(fraction: number): string {
  if (!(Number.isFinite(fraction) && fraction > 0 && fraction < 1))
    throw new TypeError(`A percentile must lie strictly between 0 and 1, not ${String(fraction)}`);
  return String(fraction);
}

function outerAggregate(
  expression: AggregateExpression,
  index: number,
  hasValue: boolean,
  dialect: SqlDialect,
): string {
  const v = `v${index}`;
  if (expression.fraction === undefined) {
    if (!hasValue) return "count(*)";
    return dialect.aggregate(expression.aggregate as AggregateFunction, v);
  }
  const h = `h${index}`;
  const at = (position: string) => `max(CASE WHEN r${index} = ${position} + 1 THEN ${v} END)`;
  const low = at(dialect.floor(h));
  const high = at(dialect.ceil(h));
  const weight = `max(CASE WHEN r${index} = ${dialect.floor(h)} + 1 THEN ${h} - ${dialect.floor(h)} END)`;
  return `(${low} + ${weight} * (${high} - ${low}))`;
}
