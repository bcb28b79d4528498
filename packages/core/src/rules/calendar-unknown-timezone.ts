import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

/** Whether the runtime knows the IANA zone: constructing a formatter refuses an unknown one. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const calendarUnknownTimezone: Rule = {
  id: "calendar/unknown-timezone",
  scope: "file",
  defaultSeverity: "error",
  summary: "kpi.yaml's `calendar.timezone` is not an IANA time zone.",
  why: "Every period bound is a local midnight in this zone: with a zone nobody knows, no period could be computed, and a guess would move every bound by hours.",
  example: "calendar:\n  timezone: Europe/Berln   # typo\n",
  fix: "Use an IANA name such as `Europe/Berlin`, `America/New_York` or `UTC`.",
  check(context) {
    const project = context.workspace.project;
    const calendar = (project?.data as { calendar?: { timezone?: unknown } } | undefined)?.calendar;
    const timezone = calendar?.timezone;
    if (!project || typeof timezone !== "string" || isTimeZone(timezone)) return;
    context.report(
      project.file,
      { path: ["calendar", "timezone"] },
      messages["calendar/unknown-timezone"]({ timezone }),
    );
  },
};
