import { type Cadence, type KpiFile, todayDate, type Workspace } from "@kpi-as-code/core";
import { RunnerError } from "./errors.js";
import {
  type Calendar,
  defaultPeriod,
  isGrain,
  localDate,
  parseDate,
  parsePeriodShorthand,
  workspaceCalendar,
} from "./periods/index.js";
import type { RunTarget } from "./plan/plan-run.js";
import type { Grain, Period } from "./types.js";

export interface TargetOptions {
  kpis?: string[] | undefined;
  period?: Period | undefined;
  periodShorthand?: string | undefined;
  grain?: Grain | undefined;
  today?: string | undefined;
}

const CADENCES: readonly Cadence[] = ["daily", "weekly", "monthly", "quarterly", "yearly"];

/** Which KPIs for which periods; bad arguments throw RunnerError. */
export function resolveTargets(workspace: Workspace, options: TargetOptions): RunTarget[] {
  if (options.grain !== undefined && !isGrain(options.grain)) {
    throw new RunnerError(
      "grain/invalid",
      `"${options.grain}" is not a grain: use day, week, month, quarter or year.`,
    );
  }
  const calendar = workspaceCalendar(workspace);
  const explicit = explicitPeriod(options, calendar);
  // Without a zone of its own, today is the machine's date, as before the calendar existed.
  const today =
    options.today ?? (calendar.timezone === "UTC" ? todayDate() : localDate(new Date(), calendar));
  parseDate(today);
  const ids =
    options.kpis ?? [...new Set(workspace.kpis.flatMap((entry) => (entry.id ? [entry.id] : [])))].sort();
  return ids.map((kpi) => {
    const entry = workspace.kpi(kpi);
    if (!entry) throw new RunnerError("kpi/unknown", `No KPI "${kpi}" in the workspace.`);
    const cadence = (entry.data as Partial<KpiFile>).cadence;
    return {
      kpi,
      period:
        explicit ??
        defaultPeriod(
          CADENCES.includes(cadence as Cadence) ? (cadence as Cadence) : "monthly",
          today,
          calendar,
        ),
    };
  });
}

function explicitPeriod(options: TargetOptions, calendar: Calendar): Period | undefined {
  if (options.period) {
    parseDate(options.period.start);
    parseDate(options.period.end);
    if (options.period.start >= options.period.end) {
      throw new RunnerError(
        "period/invalid",
        `The period must end after it starts (${options.period.start} .. ${options.period.end}).`,
      );
    }
    return options.period;
  }
  return options.periodShorthand === undefined
    ? undefined
    : parsePeriodShorthand(options.periodShorthand, calendar);
}
