import type { SqlMeasure, StructuredMeasure } from "@kpi-as-code/core";
import type { Period } from "../types.js";
import { aggregatedValue, percentileFraction } from "./measure-shape.js";
import type { AggregateExpression, AggregateQueryPlan, QueryPlan, QuerySlot, SqlQueryPlan } from "./types.js";

const SEP = "\u0001";

export interface MeasurePlacement {
  /** The period, or in a series the whole range (grouped by bucket) or one bucket. */
  period: Period;
  groupBy: AggregateQueryPlan["groupBy"];
}

/**
 * Groups structured measures into one query per (source, table, time column, period, grouping): a
 * table is scanned once however many KPIs read it. Windows, states and `where` differ per measure
 * and become each aggregate's own filter, so they batch too. Identical aggregate expressions share
 * one result column.
 */
export class QueryBatches {
  private readonly aggregates = new Map<string, AggregateQueryPlan>();
  private readonly expressionAliases = new Map<AggregateQueryPlan, Map<string, string>>();
  private readonly filledSlots = new Set<string>();
  private readonly rawQueries: SqlQueryPlan[] = [];
  private readonly rawKeys = new Set<string>();

  addMeasure(
    measure: StructuredMeasure,
    target: { slot: string; kpi: string; measure: string },
    placement: MeasurePlacement,
  ): void {
    const { period, groupBy } = placement;
    const key = [
      measure.source,
      measure.from,
      measure.time ?? "",
      `${period.start}/${period.end}`,
      groupBy ? `${groupBy.kind}:${groupBy.kind === "segment" ? groupBy.column : groupBy.grain}` : "",
      // A bucket list is part of what is read: a shifted list (previous()) over the same range and
      // grain is another query, never merged into the unshifted one.
      groupBy?.kind === "buckets" ? JSON.stringify(groupBy.buckets) : "",
    ].join(SEP);
    let query = this.aggregates.get(key);
    if (!query) {
      query = {
        kind: "aggregate",
        source: measure.source,
        table: measure.from,
        time: measure.time,
        period,
        groupBy,
        expressions: [],
        slots: [],
      };
      this.aggregates.set(key, query);
      this.expressionAliases.set(query, new Map());
    }
    if (this.filledSlots.has(target.slot)) return;
    this.filledSlots.add(target.slot);
    const alias = this.expressionAlias(query, measure);
    query.slots.push({ ...target, alias });
  }

  /** A raw-SQL measure over `window`: a period, or one bucket of a series (`bucketKey`). */
  addSql(measure: SqlMeasure, slot: Omit<QuerySlot, "alias">, window: Period, bucketKey?: string): void {
    this.addSqlMeasure({
      kind: "sql",
      source: measure.source,
      window: { start: window.start, end: window.end },
      sql: measure.sql,
      slot: { ...slot, alias: "value" },
      ...(bucketKey === undefined ? {} : { bucketKey }),
    });
  }

  addSqlMeasure(query: SqlQueryPlan): void {
    if (this.rawKeys.has(query.slot.slot + SEP + (query.bucketKey ?? ""))) return;
    this.rawKeys.add(query.slot.slot + SEP + (query.bucketKey ?? ""));
    this.rawQueries.push(query);
  }

  queries(): QueryPlan[] {
    return [...this.aggregates.values(), ...this.rawQueries];
  }

  private expressionAlias(query: AggregateQueryPlan, measure: StructuredMeasure): string {
    const aliases = this.expressionAliases.get(query) as Map<string, string>;
    const fraction = percentileFraction(measure);
    const value = aggregatedValue(measure);
    const where = measure.where?.trim() || undefined;
    const active = measure.active && { ...measure.active, at: measure.active.at ?? "end" };
    const expressionKey = JSON.stringify([measure.aggregate, fraction, value, where, measure.window, active]);
    const existing = aliases.get(expressionKey);
    if (existing) return existing;
    const expression: AggregateExpression = {
      alias: `m${query.expressions.length}`,
      aggregate: measure.aggregate,
      ...(fraction === undefined ? {} : { fraction }),
      value,
      where,
      ...(measure.window === undefined ? {} : { window: measure.window }),
      ...(active ? { active } : {}),
    };
    query.expressions.push(expression);
    aliases.set(expressionKey, expression.alias);
    return expression.alias;
  }
}
