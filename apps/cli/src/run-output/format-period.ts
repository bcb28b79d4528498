import { type Calendar, DEFAULT_CALENDAR, type Period, periodLabel } from "@kpi-as-code/runner";

/**
 * A half-open period the way `--period` spells it in kpi.yaml's calendar when it is one: `2026-11`,
 * `2026-Q4` and `2026` (fiscal quarters and years), `2026-W47` (a calendar week), `2026-11-26`; any
 * other range as `2026-11-03..2026-11-20` with the end inclusive.
 */
export function formatPeriod(period: Period, calendar: Calendar = DEFAULT_CALENDAR): string {
  return periodLabel(period, calendar);
}
