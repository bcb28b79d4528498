import type { Grain } from "../types.js";
import {
  type Calendar,
  calendarWeekStart,
  DEFAULT_CALENDAR,
  fiscalQuarterStart,
  fiscalYearStart,
} from "./calendar.js";
import { addDays, addMonths, monthStart } from "./dates.js";

export const GRAINS: readonly Grain[] = ["day", "week", "month", "quarter", "year"];

export function isGrain(value: unknown): value is Grain {
  return typeof value === "string" && (GRAINS as readonly string[]).includes(value);
}

/** The first day of the grain's bucket holding `date`, in the calendar's weeks and fiscal quarters and years. */
export function bucketStart(grain: Grain, date: string, calendar: Calendar = DEFAULT_CALENDAR): string {
  switch (grain) {
    case "day":
      return date;
    case "week":
      return calendarWeekStart(date, calendar);
    case "month":
      return monthStart(date);
    case "quarter":
      return fiscalQuarterStart(date, calendar);
    case "year":
      return fiscalYearStart(date, calendar);
  }
}

/** The first day of the bucket after the one starting on `start`. */
export function nextBucketStart(grain: Grain, start: string): string {
  switch (grain) {
    case "day":
      return addDays(start, 1);
    case "week":
      return addDays(start, 7);
    case "month":
      return addMonths(start, 1);
    case "quarter":
      return addMonths(start, 3);
    case "year":
      return addMonths(start, 12);
  }
}
