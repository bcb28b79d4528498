import type { Grain, Period } from "../types.js";

const SEP = "\u0001";

/** Where a series' values of one measure `shift` periods back land, keyed by the bucket they belong to. */
export function previousSeriesSlot(
  kpi: string,
  measure: string,
  range: Period,
  grain: Grain,
  shift: number,
): string {
  return ["previous-series", kpi, measure, range.start, range.end, grain, String(shift)].join(SEP);
}
