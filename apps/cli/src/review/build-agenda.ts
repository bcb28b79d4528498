import type { KpiFile, Workspace } from "@kpi-as-code/core";
import type { KpiResult, LatestValue, Period } from "@kpi-as-code/runner";
import { previousPeriod } from "@kpi-as-code/runner";
import { addDays, daysBetween, effectPeriods } from "./review-dates.js";
import type { DueReview, ReviewAction, ReviewAgenda } from "./review-types.js";
import { worstSegment } from "./worst-segment.js";

export interface AgendaOptions {
  today: string;
  within: number;
  owner?: string;
}

/** Computes KPIs: for their default periods (no `period`) or for one period. */
export type ComputeKpis = (kpis: string[], period?: Period) => Promise<KpiResult[]>;

/** KPIs whose `review.next` is on or before today + within, most overdue first (then by id). */
export function dueKpis(kpis: readonly KpiFile[], options: AgendaOptions): KpiFile[] {
  const until = addDays(options.today, options.within);
  return kpis
    .filter((kpi) => kpi.review?.next !== undefined && kpi.review.next <= until)
    .filter((kpi) => options.owner === undefined || kpi.owner === options.owner)
    .sort((a, b) => (a.review?.next ?? "").localeCompare(b.review?.next ?? "") || a.kpi.localeCompare(b.kpi));
}

/**
 * The review agenda (spec 5.3): each due KPI computed for its latest complete period and the one before
 * (value, expected, change, the segment with the worst change), its action plan with overdue dues and
 * the measured effect of started actions, and the other KPIs of its goal from their latest recorded values.
 */
export async function buildAgenda(
  workspace: Workspace,
  compute: ComputeKpis,
  latest: Readonly<Record<string, LatestValue>>,
  options: AgendaOptions,
): Promise<ReviewAgenda> {
  const kpis = workspace.kpis.filter((entry) => entry.valid).map((entry) => entry.data as KpiFile);
  const due = dueKpis(kpis, options);
  const current = byKpi(due.length > 0 ? await compute(due.map((kpi) => kpi.kpi)) : []);
  const earlier = await previousResults(due, current, compute);
  const reviews: DueReview[] = [];
  for (const kpi of due) {
    const result = current.get(kpi.kpi);
    if (!result) continue;
    const previous = previousPeriod(result.period);
    const before = earlier.get(kpi.kpi);
    const next = kpi.review?.next as string;
    reviews.push({
      kpi: kpi.kpi,
      owner: kpi.owner,
      next,
      overdue: next < options.today,
      status: result.status,
      value: result.value,
      expected: result.expected ?? null,
      previous_value: before?.value ?? null,
      actions: await reviewActions(kpi, compute, options.today),
      name: kpi.name,
      goal: kpi.goal,
      days_overdue: Math.max(0, daysBetween(next, options.today)),
      period: result.period,
      previous_period: previous,
      change: result.value !== null && before?.value != null ? result.value - before.value : null,
      worst_segment: worstSegment(result.breakdowns, before?.breakdowns, kpi.direction),
      related: kpis
        .filter((other) => other.goal === kpi.goal && other.kpi !== kpi.kpi)
        .map((other) => ({
          kpi: other.kpi,
          name: other.name,
          status: latest[other.kpi]?.latest.status ?? null,
          value: latest[other.kpi]?.latest.value ?? null,
        })),
      ...(result.error !== undefined ? { error: result.error } : {}),
    });
  }
  return { today: options.today, until: addDays(options.today, options.within), due: reviews };
}

async function reviewActions(kpi: KpiFile, compute: ComputeKpis, today: string): Promise<ReviewAction[]> {
  const actions: ReviewAction[] = [];
  for (const action of kpi.action_plan ?? []) {
    const item: ReviewAction = {
      hypothesis: action.hypothesis,
      ...(action.experiment ? { experiment: action.experiment } : {}),
      owner: action.owner ?? null,
      due: action.due ?? null,
      overdue: action.due !== undefined && action.due < today,
      started: action.started ?? null,
    };
    const periods = action.started ? effectPeriods(action.started, today) : undefined;
    if (periods) {
      const [before] = await compute([kpi.kpi], periods.before).then((r) =>
        r.filter((x) => x.kpi === kpi.kpi),
      );
      const [after] = await compute([kpi.kpi], periods.after).then((r) => r.filter((x) => x.kpi === kpi.kpi));
      const beforeValue = before?.value ?? null;
      const afterValue = after?.value ?? null;
      item.effect = {
        days: periods.days,
        before: { period: periods.before, value: beforeValue },
        after: { period: periods.after, value: afterValue },
        change: beforeValue !== null && afterValue !== null ? afterValue - beforeValue : null,
      };
    }
    actions.push(item);
  }
  return actions;
}

/** Each due KPI over the period before its own, in one computation per distinct period. */
async function previousResults(
  due: readonly KpiFile[],
  current: ReadonlyMap<string, KpiResult>,
  compute: ComputeKpis,
): Promise<Map<string, KpiResult>> {
  const byPeriod = new Map<string, { period: Period; kpis: string[] }>();
  for (const kpi of due) {
    const result = current.get(kpi.kpi);
    if (!result) continue;
    const period = previousPeriod(result.period);
    const key = `${period.start}/${period.end}`;
    const group = byPeriod.get(key) ?? { period, kpis: [] };
    group.kpis.push(kpi.kpi);
    byPeriod.set(key, group);
  }
  const found = new Map<string, KpiResult>();
  for (const { period, kpis } of byPeriod.values()) {
    for (const result of await compute(kpis, period))
      if (kpis.includes(result.kpi)) found.set(result.kpi, result);
  }
  return found;
}

function byKpi(results: readonly KpiResult[]): Map<string, KpiResult> {
  return new Map(results.map((result) => [result.kpi, result]));
}
