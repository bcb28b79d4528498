import type { Workspace } from "@kpi-as-code/core";
import { type Calendar, DEFAULT_CALENDAR, isTimeZone } from "./calendar.js";

/**
 * kpi.yaml's `calendar`, with the defaults for what it leaves out. Validation reports a bad value
 * at its position; here a bad value falls back to the default so a run never throws on it.
 */
export function workspaceCalendar(workspace: Workspace): Calendar {
  const raw = (workspace.project?.data as Record<string, unknown> | undefined)?.calendar;
  if (typeof raw !== "object" || raw === null) return DEFAULT_CALENDAR;
  const { timezone, week_start, fiscal_year_start } = raw as Record<string, unknown>;
  return {
    timezone: typeof timezone === "string" && isTimeZone(timezone) ? timezone : DEFAULT_CALENDAR.timezone,
    weekStart: week_start === "sunday" ? "sunday" : "monday",
    fiscalYearStart:
      typeof fiscal_year_start === "number" &&
      Number.isInteger(fiscal_year_start) &&
      fiscal_year_start >= 1 &&
      fiscal_year_start <= 12
        ? fiscal_year_start
        : DEFAULT_CALENDAR.fiscalYearStart,
  };
}
