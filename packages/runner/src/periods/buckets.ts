import type { Grain, Period } from "../types.js";
import { type Calendar, DEFAULT_CALENDAR } from "./calendar.js";
import { bucketStart, nextBucketStart } from "./grain.js";

export interface SeriesBucket extends Period {
  /** The grain-aligned first day of the bucket, the key the SQL's time bucket yields. */
  key: string;
}

/**
 * The series buckets of `grain` covering [start, end). The first and last bucket are
 * clipped to the period, matching a query windowed on the period and grouped by bucket.
 */
export function seriesBuckets(
  period: Period,
  grain: Grain,
  calendar: Calendar = DEFAULT_CALENDAR,
): SeriesBucket[] {
  const buckets: SeriesBucket[] = [];
  let key = bucketStart(grain, period.start, calendar);
  while (key < period.end) {
    const next = nextBucketStart(grain, key);
    buckets.push({
      key,
      start: laterDate(key, period.start),
      end: earlierDate(next, period.end),
    });
    key = next;
  }
  return buckets;
}

// ISO dates order as text; Math.min/max would turn them into NaN.
function laterDate(a: string, b: string): string {
  return a.localeCompare(b) >= 0 ? a : b;
}

function earlierDate(a: string, b: string): string {
  return a.localeCompare(b) <= 0 ? a : b;
}
