import { type Cadence, type KpiFile, todayDate, type Workspace } from "@kpi-as-code/core";
import { RunnerError } from "./errors.js";
import { defaultPeriod, isGrain, parseDate, parsePeriodShorthand } from "./periods/index.js";
import type { RunTarget } from "./plan/plan-run.js";
import type { Grain, Period } from "./types.js";

export interface TargetOptions {
  kpis?: string[] | undefined;
  period?: Period | undefined;
  periodShorthand?: string | undefined;
  grain?: Grain | undefined;
  today?: string | undefined;
}

const CADENCES: readonly Cadence[] = ["daily", "weekly", "monthly", "quarterly"];

/** Which KPIs for which periods; bad arguments throw RunnerError. */
export function resolveTargets(workspace: Workspace, options: TargetOptions): RunTarget[] {
  if (options.grain !== undefined && !isGrain(options.grain)) {
    throw new RunnerError(
      "grain/invalid",
      `"${options.grain}" is not a grain: use day, week, month or quarter.`,
    );
  }
  const explicit = explicitPeriod(options);
  const today = options.today ?? todayDate();
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
        defaultPeriod(CADENCES.includes(cadence as Cadence) ? (cadence as Cadence) : "monthly", today),
    };
  });
}

function explicitPeriod(options: TargetOptions): Period | undefined {
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
  return options.periodShorthand === undefined ? undefined : parsePeriodShorthand(options.periodShorthand);
}
