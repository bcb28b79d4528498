import type { Cadence, KpiFile, Workspace } from "@kpi-as-code/core";
import { RunnerError } from "../errors.js";
import { loadWorkspace } from "../load-workspace.js";
import { calendarToday } from "../periods/calendar.js";
import { parseDate } from "../periods/dates.js";
import { CADENCE_GRAIN } from "../periods/default-period.js";
import { workspaceCalendar } from "../periods/workspace-calendar.js";
import { type RunOptions, runWorkspace } from "../run-workspace.js";
import type { KpiResult, Period } from "../types.js";
import { analysisWindow } from "./analysis-window.js";
import { firstDifferences, goodIsUp } from "./differences.js";
import {
  bestLag,
  type LeadVerdict,
  laggedCorrelations,
  leadVerdict,
  MIN_PAIRS,
} from "./lagged-correlation.js";
import { type GoalWithoutPair, type LeadLagPair, leadLagPairs } from "./lead-lag-pairs.js";

/**
 * Why a pair's verdict is what it is when the data could not say more:
 * - `error`: a KPI of the pair could not be computed (`message` says why)
 * - `no_variation`: a series did not change (or had too few values), so r is undefined
 * - `too_few_pairs`: r exists but over fewer than 6 pairs of changes
 * - `missing_data`: some periods had no value; their changes were left out
 */
export type LeadLagNote = "error" | "no_variation" | "too_few_pairs" | "missing_data";

export interface LeadLagResult {
  goal: string;
  leading: string;
  lagging: string;
  /** The best lag in periods of the lagging KPI's cadence; null when no lag has an r. */
  lag: number | null;
  r: number | null;
  n: number;
  verdict: LeadVerdict;
  note?: LeadLagNote;
  /** What failed, with `note: "error"`. */
  message?: string;
  cadence: Cadence;
  /** The periods analysed and both series as computed (before "good is up"), for charts. */
  periods: Period[];
  leadingSeries: (number | null)[];
  laggingSeries: (number | null)[];
}

export interface LeadLagAnalysis {
  today: string;
  periods: number;
  maxLag: number;
  pairs: LeadLagResult[];
  unpaired: GoalWithoutPair[];
}

export interface AnalyzeOptions
  extends Omit<RunOptions, "kpis" | "period" | "periodShorthand" | "grain" | "totals" | "breakdowns"> {
  /** How many complete periods before today (default 12). */
  periods?: number;
  /** The largest lag tried, in periods (default 3). */
  maxLag?: number;
}

export const DEFAULT_ANALYSIS_PERIODS = 12;
export const DEFAULT_MAX_LAG = 3;

/**
 * Spec 5.4: does each leading KPI lead its goal's lagging KPIs? The series come from one run per
 * cadence over the whole window, grouped by the cadence's grain (one grouped query per table),
 * never from a run per period.
 */
export async function analyzeLeadLag(options: AnalyzeOptions): Promise<LeadLagAnalysis> {
  const periods = options.periods ?? DEFAULT_ANALYSIS_PERIODS;
  const maxLag = options.maxLag ?? DEFAULT_MAX_LAG;
  if (!Number.isInteger(periods) || periods < 2) {
    throw new RunnerError(
      "period/invalid",
      `--periods must be a whole number of at least 2 (got ${periods}).`,
    );
  }
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag >= periods - 1) {
    throw new RunnerError(
      "period/invalid",
      `--max-lag must be a whole number from 0 to ${periods - 2} for ${periods} periods (got ${maxLag}).`,
    );
  }
  const workspace: Workspace = options.workspace ?? (await loadWorkspace(options.root));
  // kpi run's calendar: today in its zone, windows of its weeks and fiscal quarters and years.
  const calendar = workspaceCalendar(workspace);
  const today = options.today ?? calendarToday(calendar);
  parseDate(today);
  const { pairs, unpaired } = leadLagPairs(workspace);
  const results: LeadLagResult[] = [];
  for (const cadence of [...new Set(pairs.map((pair) => pair.cadence))]) {
    const ofCadence = pairs.filter((pair) => pair.cadence === cadence);
    const kpis = [...new Set(ofCadence.flatMap((pair) => [pair.leading, pair.lagging]))].sort();
    const window = analysisWindow(cadence, today, periods, calendar);
    const run = await runWorkspace({
      ...options,
      workspace,
      today,
      kpis,
      period: window,
      grain: CADENCE_GRAIN[cadence],
      breakdowns: false,
      totals: false,
    });
    const byKpi = new Map(run.results.map((result) => [result.kpi, result]));
    for (const pair of ofCadence) results.push(analyzePair(pair, workspace, byKpi, maxLag));
  }
  results.sort((a, b) => pairOrder(pairs, a) - pairOrder(pairs, b));
  return { today, periods, maxLag, pairs: results, unpaired };
}

function analyzePair(
  pair: LeadLagPair,
  workspace: Workspace,
  results: Map<string, KpiResult>,
  maxLag: number,
): LeadLagResult {
  const leading = results.get(pair.leading);
  const lagging = results.get(pair.lagging);
  const periods = (lagging?.series ?? []).map(({ start, end }) => ({ start, end }));
  const leadingSeries = (leading?.series ?? []).map((point) => point.value);
  const laggingSeries = (lagging?.series ?? []).map((point) => point.value);
  const base = { ...pair, periods, leadingSeries, laggingSeries };
  const failed = [leading, lagging].find((result) => !result || result.status === "error");
  if (failed || !leading || !lagging) {
    return {
      ...base,
      lag: null,
      r: null,
      n: 0,
      verdict: "inconclusive",
      note: "error",
      message: failed?.error ?? "not computed",
    };
  }
  const direction = (kpi: string) => (workspace.kpi(kpi)?.data as Partial<KpiFile> | undefined)?.direction;
  const leadingChanges = firstDifferences(goodIsUp(leadingSeries, direction(pair.leading)));
  const laggingChanges = firstDifferences(goodIsUp(laggingSeries, direction(pair.lagging)));
  const best = bestLag(laggedCorrelations(leadingChanges, laggingChanges, maxLag));
  const lag = best?.r === null || !best ? null : best.lag;
  const r = best?.r ?? null;
  const n = best?.n ?? 0;
  const result: LeadLagResult = { ...base, lag, r, n, verdict: leadVerdict(r, n) };
  const missing = [...leadingSeries, ...laggingSeries].some((value) => value === null);
  const note: LeadLagNote | undefined =
    r === null ? "no_variation" : n < MIN_PAIRS ? "too_few_pairs" : missing ? "missing_data" : undefined;
  if (note) result.note = note;
  return result;
}

function pairOrder(pairs: readonly LeadLagPair[], result: LeadLagResult): number {
  return pairs.findIndex(
    (pair) => pair.goal === result.goal && pair.leading === result.leading && pair.lagging === result.lagging,
  );
}
