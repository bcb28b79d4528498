import { RunnerError } from "../errors.js";

// Dates are calendar dates ('YYYY-MM-DD') computed in UTC so that no local
// time zone or daylight-saving shift can move a period boundary.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function parseDate(text: string): Date {
  const match = DATE.exec(text);
  if (!match) throw new RunnerError("period/invalid", `"${text}" is not a date (YYYY-MM-DD).`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RunnerError("period/invalid", `"${text}" is not a calendar date.`);
  }
  return date;
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatDate(new Date(parseDate(date).getTime() + days * DAY_MS));
}

export function addMonths(date: string, months: number): string {
  const parsed = parseDate(date);
  return formatDate(new Date(Date.UTC(parsed.getUTCFullYear(), parsed.getUTCMonth() + months, 1)));
}

/** The Monday on or before `date` (ISO weeks start on Monday). */
export function weekStart(date: string): string {
  const weekday = (parseDate(date).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The Monday of ISO week 1 of `year`: the week holding January 4th. */
export function isoWeekOneStart(year: number): string {
  return weekStart(`${String(year).padStart(4, "0")}-01-04`);
}

/** How many ISO weeks `year` has (52 or 53). */
export function isoWeeksInYear(year: number): number {
  const days =
    (parseDate(isoWeekOneStart(year + 1)).getTime() - parseDate(isoWeekOneStart(year)).getTime()) / DAY_MS;
  return days / 7;
}
