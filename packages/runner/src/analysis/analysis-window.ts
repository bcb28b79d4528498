import type { Cadence } from "@kpi-as-code/core";
import { type Calendar, DEFAULT_CALENDAR } from "../periods/calendar.js";
import { addDays, addMonths } from "../periods/dates.js";
import { CADENCE_GRAIN, defaultPeriod } from "../periods/default-period.js";
import type { Period } from "../types.js";

/**
 * The `periods` complete periods of a cadence that end on or before today, as one range, in
 * kpi.yaml's calendar as kpi run takes it (its weeks, fiscal quarters and years): so the run's
 * series buckets are whole periods, none clipped at either end.
 */
export function analysisWindow(
  cadence: Cadence,
  today: string,
  periods: number,
  calendar: Calendar = DEFAULT_CALENDAR,
): Period {
  const { end } = defaultPeriod(cadence, today, calendar);
  switch (CADENCE_GRAIN[cadence]) {
    case "day":
      return { start: addDays(end, -periods), end };
    case "week":
      return { start: addDays(end, -7 * periods), end };
    case "month":
      return { start: addMonths(end, -periods), end };
    case "year":
      return { start: addMonths(end, -12 * periods), end };
    default:
      return { start: addMonths(end, -3 * periods), end };
  }
}
