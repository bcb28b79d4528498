/**
 * The one registry of aggregates: the schema of a measure's `aggregate`, the rules (what is a bare
 * count), the runner's value over no rows and the dialects (keyed by these names, so a missing one
 * is a type error) all read it. Adding an aggregate is an entry here plus its SQL in the dialects.
 */
export const AGGREGATES = {
  count: { needsColumn: false, overNoRows: 0, counts: true, rollUp: "sum", summary: "the number of rows" },
  count_distinct: {
    needsColumn: true,
    overNoRows: 0,
    counts: true,
    summary: "the number of distinct non-null values",
  },
  sum: {
    needsColumn: true,
    overNoRows: null,
    counts: false,
    rollUp: "sum",
    summary: "the sum of the values",
  },
  avg: {
    needsColumn: true,
    overNoRows: null,
    counts: false,
    rollUp: "mean",
    summary: "the mean of the values",
  },
  min: { needsColumn: true, overNoRows: null, counts: false, rollUp: "min", summary: "the smallest value" },
  max: { needsColumn: true, overNoRows: null, counts: false, rollUp: "max", summary: "the largest value" },
  median: {
    needsColumn: true,
    overNoRows: null,
    counts: false,
    continuous: { fraction: 0.5 },
    summary: "the middle value (continuous: the mean of the two middle values when their number is even)",
  },
  percentile: {
    needsColumn: true,
    overNoRows: null,
    counts: false,
    continuous: { fraction: "percentile" },
    summary: "the value below which the fraction `percentile` of the values lies (continuous, interpolated)",
  },
} as const satisfies Record<string, AggregateInfo>;

export interface AggregateInfo {
  /** Whether it aggregates a column (every aggregate but `count` does). */
  needsColumn: boolean;
  /** Its value over no rows, as SQL gives it: 0 for counts, null (no data) for the others. */
  overNoRows: 0 | null;
  /** Whether it counts rows or values (a bare one is a volume: vanity/raw-count). */
  counts: boolean;
  /**
   * A continuous percentile (spec 4.1), compiled with the dialect's `percentile` (percentile_cont or
   * its emulation): the fraction is fixed, or the measure's `percentile` field. Without it, the
   * dialect's plain `aggregate(name, expr)`.
   */
  continuous?: { fraction: number | "percentile" };
  /**
   * How the values of disjoint groups of rows combine into the value of their union, when they can:
   * `sum` (counts and sums add), `min`, `max`, or `mean` (carried as a sum and a count of the values).
   * Without it (distinct counts, percentiles) the value needs the rows themselves. The runner rolls
   * a segment's or a bucket's values up to coarser ones with it where the engine has no GROUPING SETS.
   */
  rollUp?: "sum" | "min" | "max" | "mean";
  summary: string;
}

export type Aggregate = keyof typeof AGGREGATES;

/** The aggregates a dialect compiles as one SQL aggregate function (all but the continuous ones). */
export type PlainAggregate = {
  [K in Aggregate]: (typeof AGGREGATES)[K] extends { continuous: object } ? never : K;
}[Aggregate];

export const PLAIN_AGGREGATE_NAMES = Object.keys(AGGREGATES).filter(
  (name) => !("continuous" in AGGREGATES[name as Aggregate]),
) as PlainAggregate[];

export const AGGREGATE_NAMES = Object.keys(AGGREGATES) as Aggregate[];

export function isAggregate(value: unknown): value is Aggregate {
  return typeof value === "string" && Object.hasOwn(AGGREGATES, value);
}
