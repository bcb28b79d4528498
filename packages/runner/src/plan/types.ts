import type { Aggregate } from "@kpi-as-code/core";
import type { Grain, Period } from "../types.js";

export interface AggregateExpression {
  /** The result column: m0, m1, ... */
  alias: string;
  aggregate: Aggregate;
  column: string | undefined;
  where: string | undefined;
}

export interface QuerySlot {
  slot: string;
  kpi: string;
  measure: string;
  /** The result column (aggregate queries) holding this slot's value. */
  alias: string;
}

/** One scan of one table: every measure over it for one window, optionally grouped. */
export interface AggregateQueryPlan {
  kind: "aggregate";
  source: string;
  table: string;
  time: string | undefined;
  /** Undefined for snapshot measures (no `time`): they are not windowed. */
  window: Period | undefined;
  groupBy: { kind: "segment"; column: string } | { kind: "bucket"; grain: Grain } | undefined;
  expressions: AggregateExpression[];
  slots: QuerySlot[];
}

/** A raw `sql` measure for one window; in a series, one per bucket. */
export interface SqlQueryPlan {
  kind: "sql";
  source: string;
  window: Period;
  sql: string;
  slot: QuerySlot;
  /** In a series, the bucket this value belongs to. */
  bucketKey?: string;
}

export type QueryPlan = AggregateQueryPlan | SqlQueryPlan;
