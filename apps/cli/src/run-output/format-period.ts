import type { Period } from "@kpi-as-code/runner";

const DAY_MS = 86_400_000;

/**
 * A half-open period the way `--period` spells it when it is one: `2026-11`, `2026-Q4`,
 * `2026-W47`, `2026-11-26`; any other range as `2026-11-03..2026-11-20` with the end inclusive.
 */
export function formatPeriod(period: Period): string {
  const start = toTime(period.start);
  const end = toTime(period.end);
  const days = Math.round((end - start) / DAY_MS);
  const date = new Date(start);
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  if (days === 1) return period.start;
  if (day === 1 && period.end === firstOfMonth(year, month + 1)) return period.start.slice(0, 7);
  if (day === 1 && month % 3 === 0 && period.end === firstOfMonth(year, month + 3)) {
    return `${year}-Q${month / 3 + 1}`;
  }
  if (days === 7 && date.getUTCDay() === 1) return isoWeek(start);
  return `${period.start}..${new Date(end - DAY_MS).toISOString().slice(0, 10)}`;
}

function toTime(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function firstOfMonth(year: number, monthIndex: number): string {
  return new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 10);
}

/** `2026-W47` for the Monday that starts ISO week 47 (the week holding that year's Thursday). */
function isoWeek(monday: number): string {
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
