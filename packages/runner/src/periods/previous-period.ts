import type { Cadence } from "@kpi-as-code/core";
import type { Grain, Period } from "../types.js";
import { type Calendar, DEFAULT_CALENDAR } from "./calendar.js";
import { addDays, addMonths, parseDate } from "./dates.js";
import { CADENCE_GRAIN } from "./default-period.js";
import { bucketStart, nextBucketStart } from "./grain.js";

const DAY_MS = 86_400_000;

/**
 * The period of the same length just before `period` (spec 4.6's shift): when both bounds are the
 * first day of a month, back by its number of months (`2026-11` gives `2026-10`, `2026-Q1` gives
 * `2025-Q4`); otherwise back by its length in days (a week gives the week before).
 */
export function previousPeriod(period: Period): Period {
  return shiftPeriod(period, 1);
}

/**
 * `period` shifted back `times` times its own length (what `previous(x, n)` reads): by months when
 * both bounds are the first day of a month, else by days. A fiscal quarter (three months from the
 * first of a month) gives the fiscal quarter before, a calendar week (7 days from its first day,
 * Monday or Sunday) the week before, so every shift stays on kpi.yaml's calendar.
 */
export function shiftPeriod(period: Period, times: number): Period {
  const months = wholeMonths(period);
  if (months !== undefined)
    return { start: addMonths(period.start, -months * times), end: addMonths(period.end, -months * times) };
  const days = Math.round((parseDate(period.end).getTime() - parseDate(period.start).getTime()) / DAY_MS);
  return { start: addDays(period.start, -days * times), end: addDays(period.end, -days * times) };
}

/**
 * The grain `period` is exactly one bucket of in the calendar's weeks, fiscal quarters and years
 * (`2026-11` is a month), or undefined (a clipped range).
 */
export function periodGrain(period: Period, calendar: Calendar = DEFAULT_CALENDAR): Grain | undefined {
  for (const grain of ["day", "week", "month", "quarter", "year"] as const) {
    if (
      bucketStart(grain, period.start, calendar) === period.start &&
      nextBucketStart(grain, period.start) === period.end
    )
      return grain;
  }
  return undefined;
}

/**
 * Whether `period` is one period of the cadence (a month for a monthly KPI): only such values
 * compare with the KPI's target, and only they belong on one trend line.
 */
export function isCadencePeriod(
  period: Period,
  cadence: unknown,
  calendar: Calendar = DEFAULT_CALENDAR,
): boolean {
  // A (fiscal) year: twelve whole months from the first of a month, whichever month it starts in.
  if (cadence === "yearly") return wholeMonths(period) === 12;
  const grain = CADENCE_GRAIN[cadence as Cadence];
  return grain !== undefined && periodGrain(period, calendar) === grain;
}

/** Months between two first-of-month dates, or undefined when either bound is not a month's first day. */
function wholeMonths(period: Period): number | undefined {
  if (!period.start.endsWith("-01") || !period.end.endsWith("-01")) return undefined;
  const index = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  const months = index(period.end) - index(period.start);
  return months > 0 ? months : undefined;
}
