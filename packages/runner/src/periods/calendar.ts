import { addDays, addMonths, formatDate, monthStart, parseDate, weekStart } from "./dates.js";

/** kpi.yaml's `calendar`: the zone period bounds are local midnights in, the week's first day, the fiscal year's first month. */
export interface Calendar {
  timezone: string;
  weekStart: "monday" | "sunday";
  /** 1..12: the month the fiscal year (and its quarters) starts in. */
  fiscalYearStart: number;
}

export const DEFAULT_CALENDAR: Calendar = { timezone: "UTC", weekStart: "monday", fiscalYearStart: 1 };

/** Whether the runtime knows the IANA zone (constructing a formatter refuses an unknown one). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The first day of the calendar's week holding `date`. */
export function calendarWeekStart(date: string, calendar: Calendar): string {
  if (calendar.weekStart === "monday") return weekStart(date);
  return addDays(date, -parseDate(date).getUTCDay());
}

/** Months from the fiscal year's first month to `date`'s month (0..11). */
function monthsIntoFiscalYear(date: string, calendar: Calendar): number {
  return (Number(date.slice(5, 7)) - calendar.fiscalYearStart + 12) % 12;
}

export function fiscalQuarterStart(date: string, calendar: Calendar): string {
  return addMonths(monthStart(date), -(monthsIntoFiscalYear(date, calendar) % 3));
}

export function fiscalYearStart(date: string, calendar: Calendar): string {
  return addMonths(monthStart(date), -monthsIntoFiscalYear(date, calendar));
}

/** The first day of fiscal year `year` (named by the calendar year it starts in). */
export function fiscalYearFirstDay(year: number, calendar: Calendar): string {
  return `${String(year).padStart(4, "0")}-${String(calendar.fiscalYearStart).padStart(2, "0")}-01`;
}

/** Today's date in the calendar's zone: a period ends at a local midnight, not at UTC's. */
export function localDate(now: Date, calendar: Calendar): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: calendar.timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * Today as kpi run takes it without `--today`: the date in the calendar's zone, or the machine's
 * date when kpi.yaml names no zone (as before the calendar existed).
 */
export function calendarToday(calendar: Calendar, now: Date = new Date()): string {
  if (calendar.timezone !== "UTC") return localDate(now, calendar);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The zone's offset from UTC, in ms, at `instant`. */
function zoneOffsetMs(instant: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    value("year"),
    value("month") - 1,
    value("day"),
    value("hour"),
    value("minute"),
    value("second"),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * What a period bound (a local date) is bound as: the date itself in UTC, where local midnight is
 * the date's own midnight, else the UTC instant of the zone's midnight.
 */
export function boundValue(date: string, timezone: string | undefined): string {
  if (timezone === undefined || timezone === "UTC") return date;
  return localMidnightUtc(date, { ...DEFAULT_CALENDAR, timezone });
}

export function isDefaultCalendar(calendar: Calendar): boolean {
  return (
    calendar.timezone === "UTC" &&
    calendar.weekStart === DEFAULT_CALENDAR.weekStart &&
    calendar.fiscalYearStart === DEFAULT_CALENDAR.fiscalYearStart
  );
}

/**
 * The UTC instant (`YYYY-MM-DD HH:MM:SS`) of local midnight starting `date` in the zone: what the
 * engine compares time columns (read as UTC) with. Where a shift skips midnight, the day starts
 * at the first local instant after it.
 */
export function localMidnightUtc(date: string, calendar: Calendar): string {
  const wall = parseDate(date).getTime();
  let instant = wall - zoneOffsetMs(wall, calendar.timezone);
  const corrected = wall - zoneOffsetMs(instant, calendar.timezone);
  if (
    corrected !== instant &&
    formatDate(new Date(corrected + zoneOffsetMs(corrected, calendar.timezone))) === date
  ) {
    instant = corrected;
  }
  return new Date(instant).toISOString().slice(0, 19).replace("T", " ");
}
