import { RunnerError } from "../errors.js";
import type { Period } from "../types.js";
import { type Calendar, DEFAULT_CALENDAR, fiscalYearFirstDay } from "./calendar.js";
import { addDays, addMonths, isoWeekOneStart, isoWeeksInYear, parseDate } from "./dates.js";

const MONTH = /^(\d{4})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^(\d{4})$/;

/**
 * `--period`: `2026-11` (a month), `2026-W47` (ISO week 47, from the Sunday before its Monday when
 * weeks start on Sunday), `2026-Q4` and `2026` (fiscal: named by the calendar year the fiscal year
 * starts in), `2026-11-26` (a day).
 */
export function parsePeriodShorthand(text: string, calendar: Calendar = DEFAULT_CALENDAR): Period {
  const trimmed = text.trim();
  const month = MONTH.exec(trimmed);
  if (month) {
    const start = `${month[1]}-${month[2]}-01`;
    parseDate(start);
    return { start, end: addMonths(start, 1) };
  }
  const week = WEEK.exec(trimmed);
  if (week) {
    const year = Number(week[1]);
    const number = Number(week[2]);
    if (number < 1 || number > isoWeeksInYear(year)) {
      throw new RunnerError("period/invalid", `${year} has no ISO week ${number}.`);
    }
    const shift = calendar.weekStart === "sunday" ? -1 : 0;
    const start = addDays(isoWeekOneStart(year), (number - 1) * 7 + shift);
    return { start, end: addDays(start, 7) };
  }
  const quarter = QUARTER.exec(trimmed);
  if (quarter) {
    const yearStart = fiscalYearFirstDay(Number(quarter[1]), calendar);
    const start = addMonths(yearStart, (Number(quarter[2]) - 1) * 3);
    return { start, end: addMonths(start, 3) };
  }
  const year = YEAR.exec(trimmed);
  if (year) {
    const start = fiscalYearFirstDay(Number(year[1]), calendar);
    return { start, end: addMonths(start, 12) };
  }
  if (DAY.test(trimmed)) {
    parseDate(trimmed);
    return { start: trimmed, end: addDays(trimmed, 1) };
  }
  throw new RunnerError(
    "period/invalid",
    `"${text}" is not a period: use 2026-11, 2026-W47, 2026-Q4, 2026 or 2026-11-26.`,
  );
}

/** `--from` inclusive, `--to` exclusive. */
export function periodFromRange(from: string, to: string): Period {
  parseDate(from);
  parseDate(to);
  if (from >= to) {
    throw new RunnerError("period/invalid", `The period must end after it starts (from ${from}, to ${to}).`);
  }
  return { start: from, end: to };
}
