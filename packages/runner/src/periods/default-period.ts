import type { Cadence } from "@kpi-as-code/core";
import type { Grain, Period } from "../types.js";
import {
  type Calendar,
  calendarWeekStart,
  DEFAULT_CALENDAR,
  fiscalQuarterStart,
  fiscalYearStart,
} from "./calendar.js";
import { addDays, addMonths, monthStart } from "./dates.js";

export const CADENCE_GRAIN: Readonly<Record<Cadence, Grain>> = {
  daily: "day",
  weekly: "week",
  monthly: "month",
  quarterly: "quarter",
  yearly: "year",
};

/**
 * The last complete period of a cadence as of `today` (a date in the calendar's zone): the period
 * that ends on or before today, in the calendar's weeks and fiscal quarters and years.
 */
export function defaultPeriod(
  cadence: Cadence,
  today: string,
  calendar: Calendar = DEFAULT_CALENDAR,
): Period {
  switch (cadence) {
    case "daily":
      return { start: addDays(today, -1), end: today };
    case "weekly": {
      const end = calendarWeekStart(today, calendar);
      return { start: addDays(end, -7), end };
    }
    case "monthly": {
      const end = monthStart(today);
      return { start: addMonths(end, -1), end };
    }
    case "quarterly": {
      const end = fiscalQuarterStart(today, calendar);
      return { start: addMonths(end, -3), end };
    }
    case "yearly": {
      const end = fiscalYearStart(today, calendar);
      return { start: addMonths(end, -12), end };
    }
  }
}
