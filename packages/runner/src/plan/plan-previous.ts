import { isSqlMeasure, type MeasureDef } from "@kpi-as-code/core";
import { type Calendar, seriesBuckets, shiftPeriod } from "../periods/index.js";
import type { Grain, Period } from "../types.js";
import type { QueryBatches } from "./batches.js";
import type { KpiDefinition } from "./kpi-definition.js";
import type { RunTarget } from "./plan-run.js";
import { type PreviousReads, previousReads } from "./previous-reads.js";
import { previousSeriesSlot } from "./previous-slots.js";
import { breakdownSlot, totalSlot } from "./slots.js";
import type { SeriesBucketBounds } from "./types.js";

// `previous(x, n)` (spec 4.6) asks the same batches for the earlier periods: a KPI's own measures
// are planned at each shifted period (one query per table and shift, like any period's), and the
// KPIs it reads there come back as totals for the planner to plan as it plans any reference.

/** Plans the measures a KPI's formula reads in periods before `period`; returns the other KPIs' totals it reads there. */
export function planPreviousTotals(
  batches: QueryBatches,
  definition: KpiDefinition,
  period: Period,
): RunTarget[] {
  const kpi = definition.id;
  return planShifted(definition, period, (reads, shifted) => {
    for (const [name, measure] of readMeasures(definition, reads)) {
      const slot = { slot: totalSlot(kpi, name, shifted), kpi, measure: name };
      if (isSqlMeasure(measure)) batches.addSql(measure, slot, shifted);
      else batches.addMeasure(measure, slot, { period: shifted, groupBy: undefined });
    }
  });
}

/**
 * Plans each segment's measures in the earlier periods (the same segment value's row there);
 * returns the other KPIs' totals read there, as a breakdown row reads references' totals.
 */
export function planPreviousBreakdowns(
  batches: QueryBatches,
  definition: KpiDefinition,
  period: Period,
): RunTarget[] {
  const kpi = definition.id;
  return planShifted(definition, period, (reads, shifted) => {
    for (const segment of definition.data.segments ?? []) {
      for (const [name, measure] of readMeasures(definition, reads)) {
        if (isSqlMeasure(measure)) continue;
        const slot = { slot: breakdownSlot(kpi, name, shifted, segment), kpi, measure: name };
        batches.addMeasure(measure, slot, { period: shifted, groupBy: { kind: "segment", column: segment } });
      }
    }
  });
}

/**
 * Each series bucket shifted back by its own length (a month bucket to the month before, a week to
 * the week before, a clipped bucket by its days), keyed by the bucket it belongs to.
 */
export function previousBuckets(
  range: Period,
  grain: Grain,
  shift: number,
  calendar: Calendar,
): SeriesBucketBounds[] {
  return seriesBuckets(range, grain, calendar).map((bucket) => ({
    key: bucket.key,
    ...shiftPeriod(bucket, shift),
  }));
}

/**
 * Plans a series' earlier values: per shift and table one statement over the list of shifted
 * buckets (each row joined to the shifted bounds, grouped by the bucket it belongs to); a raw SQL
 * measure runs per shifted bucket. Returns the other KPIs' totals each bucket reads.
 */
export function planPreviousSeries(
  batches: QueryBatches,
  definition: KpiDefinition,
  range: Period,
  grain: Grain,
  calendar: Calendar,
): RunTarget[] {
  const kpi = definition.id;
  const references: RunTarget[] = [];
  for (const reads of previousReads(definition)) {
    const buckets = previousBuckets(range, grain, reads.shift, calendar);
    if (buckets.length === 0) continue;
    const starts = buckets.map((bucket) => bucket.start).sort();
    const ends = buckets.map((bucket) => bucket.end).sort();
    const shiftedRange = { start: starts[0] as string, end: ends.at(-1) as string };
    for (const [name, measure] of readMeasures(definition, reads)) {
      const slot = { slot: previousSeriesSlot(kpi, name, range, grain, reads.shift), kpi, measure: name };
      if (isSqlMeasure(measure)) {
        for (const bucket of buckets) batches.addSql(measure, slot, bucket, bucket.key);
      } else {
        batches.addMeasure(measure, slot, {
          period: shiftedRange,
          groupBy: { kind: "buckets", grain, buckets },
        });
      }
    }
    references.push(...readKpisAt(reads, buckets));
  }
  return references;
}

/**
 * Runs `plan` for each earlier period the formula reads (`period` shifted back by each read's
 * shift); returns the other KPIs' totals read there.
 */
function planShifted(
  definition: KpiDefinition,
  period: Period,
  plan: (reads: PreviousReads, shifted: Period) => void,
): RunTarget[] {
  return previousReads(definition).flatMap((reads) => {
    const shifted = shiftPeriod(period, reads.shift);
    plan(reads, shifted);
    return readKpisAt(reads, [shifted]);
  });
}

/** The measures of this KPI a read asks for, with their definitions (validation reports unknown names). */
function readMeasures(definition: KpiDefinition, reads: PreviousReads): [string, MeasureDef][] {
  return reads.measures.flatMap((name) => {
    const measure = definition.measures[name];
    return measure ? [[name, measure] as [string, MeasureDef]] : [];
  });
}

/** The other KPIs a read asks for, as totals over each of `periods` (only their bounds). */
function readKpisAt(reads: PreviousReads, periods: readonly Period[]): RunTarget[] {
  return reads.kpis.flatMap((kpi) =>
    periods.map((period) => ({ kpi, period: { start: period.start, end: period.end } })),
  );
}

/** A raw SQL measure's query over `window` (a series bucket's with its key), read back as `value`. */
