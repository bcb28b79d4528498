import {
  CADENCE_GRAIN,
  type Calendar,
  DEFAULT_CALENDAR,
  isCadencePeriod,
  type RunResult,
} from "@kpi-as-code/runner";
import { formatPeriod } from "./format-period.js";
import type { KpiDisplays } from "./kpi-display.js";

/**
 * One warning per cadence for the KPIs computed over a period that is not one period of their
 * cadence: their targets and thresholds are set per period (a monthly count's target is a month's),
 * so a quarter of a monthly KPI called "on track" against its monthly target misleads.
 */
export function cadenceWarnings(
  run: RunResult,
  displays: KpiDisplays,
  calendar: Calendar = DEFAULT_CALENDAR,
): string[] {
  const byCadence = new Map<string, { kpis: string[]; periods: Set<string> }>();
  for (const result of run.results) {
    const cadence = displays.get(result.kpi)?.cadence;
    if (cadence === undefined || isCadencePeriod(result.period, cadence, calendar)) continue;
    const entry = byCadence.get(cadence) ?? { kpis: [], periods: new Set<string>() };
    entry.kpis.push(result.kpi);
    entry.periods.add(formatPeriod(result.period, calendar));
    byCadence.set(cadence, entry);
  }
  return [...byCadence].map(([cadence, { kpis, periods }]) => {
    // `yearly` has no series grain: its period is a (fiscal) year.
    const grain = CADENCE_GRAIN[cadence as keyof typeof CADENCE_GRAIN] ?? "year";
    return (
      `warning: ${[...periods].join(", ")} is not one ${grain}, the cadence of ${kpis.join(", ")}: ` +
      `their statuses compare that value with targets set per ${grain} (add --grain ${grain} to see each ${grain}).`
    );
  });
}
