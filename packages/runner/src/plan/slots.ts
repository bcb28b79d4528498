import type { Grain, Period } from "../types.js";

// A slot is where one measure's value for one computation lands: the query that
// fills it writes it, the evaluator reads it. Keys are plain strings so many
// KPIs can share one query.

const SEP = "\u0001";

export function totalSlot(kpi: string, measure: string, period: Period): string {
  return ["total", kpi, measure, period.start, period.end].join(SEP);
}

export function breakdownSlot(kpi: string, measure: string, period: Period, segment: string): string {
  return ["breakdown", kpi, measure, period.start, period.end, segment].join(SEP);
}

export function seriesSlot(kpi: string, measure: string, range: Period, grain: Grain): string {
  return ["series", kpi, measure, range.start, range.end, grain].join(SEP);
}
