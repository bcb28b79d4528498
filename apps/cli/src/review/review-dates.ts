const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The periods of an action's measured effect: `days` before `started` and as many from it, ending by today. */
export function effectPeriods(started: string, today: string) {
  const days = daysBetween(started, today);
  if (days <= 0) return undefined;
  return {
    days,
    before: { start: addDays(started, -days), end: started },
    after: { start: started, end: addDays(started, days) },
  };
}
