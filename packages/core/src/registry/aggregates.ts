/**
 * The one registry of aggregates: the schema of a measure's `aggregate`, the rules (what is a bare
 * count), the runner's value over no rows and the dialects (keyed by these names, so a missing one
 * is a type error) all read it. Adding an aggregate is an entry here plus its SQL in the dialects.
 */
export const AGGREGATES = {
  count: { needsColumn: false, overNoRows: 0, counts: true, summary: "the number of rows" },
  count_distinct: {
    needsColumn: true,
    overNoRows: 0,
    counts: true,
    summary: "the number of distinct non-null values",
  },
  sum: { needsColumn: true, overNoRows: null, counts: false, summary: "the sum of the values" },
  avg: { needsColumn: true, overNoRows: null, counts: false, summary: "the mean of the values" },
  min: { needsColumn: true, overNoRows: null, counts: false, summary: "the smallest value" },
  max: { needsColumn: true, overNoRows: null, counts: false, summary: "the largest value" },
  median: {
    needsColumn: true,
    overNoRows: null,
    counts: false,
    summary: "the middle value (continuous: the mean of the two middle values when their number is even)",
  },
  percentile: {
    needsColumn: true,
    overNoRows: null,
    counts: false,
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
  summary: string;
}

export type Aggregate = keyof typeof AGGREGATES;

export const AGGREGATE_NAMES = Object.keys(AGGREGATES) as Aggregate[];

export function isAggregate(value: unknown): value is Aggregate {
  return typeof value === "string" && Object.hasOwn(AGGREGATES, value);
}
