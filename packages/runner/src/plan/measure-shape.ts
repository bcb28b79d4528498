import { type DialectName, dialects, scanSql } from "@kpi-as-code/connection";
import {
  AGGREGATES,
  type AggregateInfo,
  isAggregate,
  isSqlMeasure,
  type MeasureDef,
  type StructuredMeasure,
} from "@kpi-as-code/core";
import type { AggregatedValue } from "./types.js";

/** The named parameters a `where` or `expr` may use: the period's bounds. */
export const PERIOD_PARAMS = ["start", "end"] as const;

/** The named parameters (`:name`) a SQL fragment uses, read with the dialect's lexical rules. */
export function namedParams(sql: string, dialect: DialectName): string[] {
  return scanSql(sql, dialects[dialect].lexical)
    .filter((token) => token.kind === "named-param")
    .map((token) => token.text.slice(1));
}

/**
 * Whether a measure's value depends on the period beyond counting the rows whose `time` lies in it:
 * a window, a state at an instant, or `:start`/`:end` in its texts. A series computes such a measure
 * bucket by bucket (each with its own bounds); a snapshot that is not one serves every bucket.
 */
export function dependsOnPeriodBounds(measure: MeasureDef, dialect: DialectName): boolean {
  if (isSqlMeasure(measure)) return true;
  if (measure.window !== undefined || measure.active !== undefined) return true;
  return [measure.where, measure.expr].some(
    (text) => text !== undefined && namedParams(text, dialect).length > 0,
  );
}

export function aggregatedValue(measure: StructuredMeasure): AggregatedValue | undefined {
  if (measure.aggregate === "count") return undefined;
  if (measure.expr !== undefined) return { kind: "expr", sql: measure.expr.trim() };
  if (measure.duration !== undefined)
    return { kind: "duration", from: measure.duration.from, to: measure.duration.to };
  return measure.column === undefined ? undefined : { kind: "column", column: measure.column };
}

/** The fraction a continuous aggregate takes (the registry's: 0.5 for `median`, the field for `percentile`). */
export function percentileFraction(measure: StructuredMeasure): number | undefined {
  const info: AggregateInfo | undefined = isAggregate(measure.aggregate)
    ? AGGREGATES[measure.aggregate]
    : undefined;
  const fraction = info?.continuous?.fraction;
  return fraction === "percentile" ? measure.percentile : fraction;
}
