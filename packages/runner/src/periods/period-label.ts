import type { Period } from "../types.js";
import { type Calendar, DEFAULT_CALENDAR, fiscalYearStart } from "./calendar.js";
import { addDays, addMonths, isoWeekOneStart, parseDate } from "./dates.js";
import { periodGrain } from "./previous-period.js";

const DAY_MS = 86_400_000;

/**
 * A period the way `--period` spells it in kpi.yaml's calendar (spec 4.7), so that the label, read
 * back by `--period`, gives the same period: `2026-11-26`, `2026-11`, `2026-W47` (a calendar week:
 * from the Sunday before ISO week 47's Monday when weeks start on Sunday), `2026-Q1` and `2026`
 * (fiscal: named by the calendar year the fiscal year starts in, so with `fiscal_year_start: 4`
 * July to September 2025 is `2025-Q2`). Any other range is `2026-11-03..2026-11-20`, end inclusive.
 */
export function periodLabel(period: Period, calendar: Calendar = DEFAULT_CALENDAR): string {
  switch (periodGrain(period, calendar)) {
    case "day":
      return period.start;
    case "week":
      return isoWeekName(calendar.weekStart === "sunday" ? addDays(period.start, 1) : period.start);
    case "month":
      return period.start.slice(0, 7);
    case "quarter": {
      const yearStart = fiscalYearStart(period.start, calendar);
      return `${yearStart.slice(0, 4)}-Q${monthsBetween(yearStart, period.start) / 3 + 1}`;
    }
    case "year":
      return period.start.slice(0, 4);
    default:
      return `${period.start}..${addDays(period.end, -1)}`;
  }
}

/** `2026-W47` for the Monday starting ISO week 47 (the week holding that year's Thursday). */
function isoWeekName(monday: string): string {
  const year = Number(addDays(monday, 3).slice(0, 4));
  const week = (parseDate(monday).getTime() - parseDate(isoWeekOneStart(year)).getTime()) / (7 * DAY_MS) + 1;
  return `${String(year).padStart(4, "0")}-W${String(week).padStart(2, "0")}`;
}

function monthsBetween(from: string, to: string): number {
  let months = 0;
  while (addMonths(from, months) < to) months += 1;
  return months;
}
