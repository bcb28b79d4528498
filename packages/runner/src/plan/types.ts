import type { TimeGrain } from "@kpi-as-code/connection";
import type { Aggregate } from "@kpi-as-code/core";
import type { Grain, Period } from "../types.js";

/** What a measure aggregates: a column, a SQL expression of the source's dialect, or hours between two columns. */
export type AggregatedValue =
  | { kind: "column"; column: string }
  | { kind: "expr"; sql: string }
  | { kind: "duration"; from: string; to: string };

export interface AggregateExpression {
  /** The result column: m0, m1, ... */
  alias: string;
  aggregate: Aggregate;
  /** The fraction of `percentile` (0.5 for `median`). */
  fraction?: number;
  /** Undefined for `count`. */
  value: AggregatedValue | undefined;
  where: string | undefined;
  /** `<N>d` or `all`: the rows up to the period's end instead of the period's (only with the query's time). */
  window?: string;
  /** State at the period's start or end instead of a time column. */
  active?: { from: string; until: string; at: "start" | "end" };
}

/** A series bucket: its key (the grain-aligned first day) and its bounds, clipped to the range. */
export interface SeriesBucketBounds extends Period {
  key: string;
}

export interface QuerySlot {
  slot: string;
  kpi: string;
  measure: string;
  /** The result column (aggregate queries) holding this slot's value. */
  alias: string;
  /** In a one-scan query, the index in its `sets` of the grouping that fills this slot. */
  set?: number;
}

/** One grouping of a one-scan query: the whole period, a segment or a time bucket. */
export type ScanSet =
  | { kind: "total" }
  | { kind: "segment"; column: string }
  | { kind: "bucket"; grain: TimeGrain };

/**
 * How one scan computes several groupings: the engine's `GROUPING SETS`, or one grouping by every
 * key whose rows the runner rolls up (re-aggregatable measures only, core's AGGREGATES `rollUp`),
 * or each row repeated once per grouping and grouped by the grouping's id and key (`repeat-rows`).
 */
export type OneScan = { kind: "grouping-sets" | "roll-up" | "repeat-rows"; sets: ScanSet[] };

/** One scan of one table: every measure over it for one period, optionally grouped. */
export interface AggregateQueryPlan {
  kind: "aggregate";
  source: string;
  table: string;
  /** The time column that places rows in the period; undefined when no measure has one. */
  time: string | undefined;
  /**
   * The period, a series' whole range (grouped by bucket) or one bucket: the bounds of `time`, and
   * what `:start`, `:end`, windows and states read.
   */
  period: Period;
  /** kpi.yaml's calendar zone when not UTC: bounds are bound as the UTC instants of its local midnights. */
  timezone?: string;
  /**
   * `bucket`: grouped by the time bucket of each row; `buckets`: each row joined to the buckets whose
   * bounds it lies within (windows, states and `:start`/`:end` read each bucket's own bounds).
   */
  groupBy:
    | { kind: "segment"; column: string }
    | { kind: "bucket"; grain: TimeGrain }
    | { kind: "buckets"; grain: Grain; buckets: readonly SeriesBucketBounds[] }
    | undefined;
  expressions: AggregateExpression[];
  slots: QuerySlot[];
  /** Several groupings (total, breakdowns, series) from this one scan; `groupBy` is then undefined. */
  oneScan?: OneScan;
}

/** A raw `sql` measure for one window; in a series, one per bucket. */
export interface SqlQueryPlan {
  kind: "sql";
  source: string;
  window: Period;
  /** As AggregateQueryPlan's. */
  timezone?: string;
  sql: string;
  slot: QuerySlot;
  /** In a series, the bucket this value belongs to. */
  bucketKey?: string;
}

export type QueryPlan = AggregateQueryPlan | SqlQueryPlan;
