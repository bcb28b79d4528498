import { isSqlMeasure, type Workspace } from "@kpi-as-code/core";
import { type Calendar, isDefaultCalendar, seriesBuckets, workspaceCalendar } from "../periods/index.js";
import type { Grain, Period } from "../types.js";
import { QueryBatches } from "./batches.js";
import { type KpiDefinition, readKpiDefinitions } from "./kpi-definition.js";
import { mergeScans, sourceScanCapability } from "./one-scan.js";
import { planPreviousBreakdowns, planPreviousSeries, planPreviousTotals } from "./plan-previous.js";
import { breakdownSlot, seriesSlot, totalSlot } from "./slots.js";
import type { QueryPlan } from "./types.js";

export interface RunTarget {
  kpi: string;
  period: Period;
}

export interface RunRequest {
  targets: RunTarget[];
  /** Adds a series of this grain over each target's period. */
  grain?: Grain;
  /** Breaks KPIs with `segments` down (default true). */
  breakdowns?: boolean;
  /**
   * Computes each target's value over its whole period (default true). False with a `grain` plans
   * the series alone, one grouped query per table: `kpi analyze` needs no total of its window.
   */
  totals?: boolean;
  /** kpi.yaml's calendar (weeks, fiscal quarters, zone); read from the workspace when absent. */
  calendar?: Calendar;
  /**
   * Computes a period's value, breakdowns and series over one table in one scan (default true);
   * false plans one query per grouping, the plain path the one-scan tests compare with.
   */
  oneScan?: boolean;
}

export interface RunPlan {
  request: RunRequest;
  definitions: Map<string, KpiDefinition>;
  queries: QueryPlan[];
}

/**
 * Decides every query a run needs: the targets' measures, the measures of the KPIs
 * their formulas reference (for the same period), breakdowns and series, batched.
 */
export function planRun(
  workspace: Workspace,
  request: RunRequest,
  definitions = readKpiDefinitions(workspace),
): RunPlan {
  const batches = new QueryBatches();
  const calendar = request.calendar ?? workspaceCalendar(workspace);
  // Weeks, fiscal quarters and zones the engine's own time buckets do not know: each bucket's
  // bounds are bound as parameters instead.
  const bucketsByBounds = !isDefaultCalendar(calendar);
  const visitedTotals = new Set<string>();
  const visitedSeries = new Set<string>();

  // `stack`: the KPIs whose formulas led here, so a reference cycle through `previous` (whose
  // periods keep moving back) ends; the evaluator reports the cycle.
  const planTotal = (kpi: string, period: Period, stack: readonly string[] = []): void => {
    const key = `${kpi}@${period.start}/${period.end}`;
    const definition = definitions.get(kpi);
    if (visitedTotals.has(key) || stack.includes(kpi) || !definition || definition.problem) return;
    visitedTotals.add(key);
    for (const [name, measure] of Object.entries(definition.measures)) {
      const slot = { slot: totalSlot(kpi, name, period), kpi, measure: name };
      if (isSqlMeasure(measure)) {
        batches.addSql(measure, slot, period);
      } else {
        batches.addMeasure(measure, slot, { period, groupBy: undefined });
      }
    }
    for (const reference of definition.kpiReferences) planTotal(reference, period, [...stack, kpi]);
    for (const earlier of planPreviousTotals(batches, definition, period))
      planTotal(earlier.kpi, earlier.period, [...stack, kpi]);
  };

  const planSeries = (kpi: string, range: Period, grain: Grain): void => {
    const key = `${kpi}@${range.start}/${range.end}`;
    const definition = definitions.get(kpi);
    if (visitedSeries.has(key) || !definition || definition.problem) return;
    visitedSeries.add(key);
    // Engines' time buckets know no (fiscal) year: a year's bounds are bound as parameters instead.
    const engineGrain = grain === "year" ? undefined : grain;
    for (const [name, measure] of Object.entries(definition.measures)) {
      const slot = { slot: seriesSlot(kpi, name, range, grain), kpi, measure: name };
      if (isSqlMeasure(measure)) {
        for (const bucket of seriesBuckets(range, grain, calendar))
          batches.addSql(measure, slot, bucket, bucket.key);
      } else if (
        definition.periodBound.has(name) ||
        ((bucketsByBounds || engineGrain === undefined) && measure.time !== undefined)
      ) {
        // A window, a state or `:start`/`:end` reads each bucket's own bounds: the rows are joined to
        // the list of buckets, one statement for every such measure of the table.
        const buckets = seriesBuckets(range, grain, calendar);
        batches.addMeasure(measure, slot, { period: range, groupBy: { kind: "buckets", grain, buckets } });
      } else if (measure.time === undefined || engineGrain === undefined) {
        // A snapshot has one value whatever the bucket: its total query serves every bucket.
        const total = { ...slot, slot: totalSlot(kpi, name, range) };
        batches.addMeasure(measure, total, { period: range, groupBy: undefined });
      } else {
        batches.addMeasure(measure, slot, { period: range, groupBy: { kind: "bucket", grain: engineGrain } });
      }
    }
    for (const reference of definition.kpiReferences) planSeries(reference, range, grain);
    for (const earlier of planPreviousSeries(batches, definition, range, grain, calendar))
      planTotal(earlier.kpi, earlier.period, [kpi]);
  };

  const planBreakdowns = (kpi: string, period: Period): void => {
    const definition = definitions.get(kpi);
    if (!definition || definition.problem) return;
    const measures = Object.entries(definition.measures);
    if (measures.some(([, measure]) => isSqlMeasure(measure))) return;
    for (const segment of definition.data.segments ?? []) {
      for (const [name, measure] of measures) {
        if (isSqlMeasure(measure)) continue;
        const slot = { slot: breakdownSlot(kpi, name, period, segment), kpi, measure: name };
        batches.addMeasure(measure, slot, { period, groupBy: { kind: "segment", column: segment } });
      }
    }
    for (const earlier of planPreviousBreakdowns(batches, definition, period))
      planTotal(earlier.kpi, earlier.period, [kpi]);
  };

  for (const target of request.targets) {
    if (request.totals !== false || !request.grain) planTotal(target.kpi, target.period);
    if (request.breakdowns !== false) planBreakdowns(target.kpi, target.period);
    if (request.grain) planSeries(target.kpi, target.period, request.grain);
  }
  const batched = batches.queries();
  const queries = request.oneScan === false ? batched : mergeScans(batched, sourceScanCapability(workspace));
  if (calendar.timezone !== "UTC") for (const query of queries) query.timezone = calendar.timezone;
  return { request, definitions, queries };
}
