import { AGGREGATES, evaluateFormula, isAggregate, isSqlMeasure, type MeasureDef } from "@kpi-as-code/core";
import type { SlotStore, SlotValue } from "../execute/slot-store.js";
import { type SeriesBucket, shiftPeriod } from "../periods/index.js";
import type { KpiDefinition } from "../plan/kpi-definition.js";
import { previousSeriesSlot } from "../plan/previous-slots.js";
import { breakdownSlot, seriesSlot, totalSlot } from "../plan/slots.js";
import type { Grain, MeasureValues, Period } from "../types.js";
import { type EarlierLookup, earlierValues } from "./earlier-values.js";

/** A KPI's value for one computation: a number, no value with the reason, or an error. */
export type Computed =
  | { kind: "value"; value: number | null; reason?: string; measures: MeasureValues }
  | { kind: "error"; message: string; measures: MeasureValues };

type MeasureLookup = (name: string, measure: MeasureDef) => SlotValue | undefined;

/** A measure's value over no rows, as the aggregate registry says (counts 0, the others null). */
export function emptyValue(measure: MeasureDef): number | null {
  return !isSqlMeasure(measure) && isAggregate(measure.aggregate)
    ? AGGREGATES[measure.aggregate].overNoRows
    : null;
}

/**
 * Evaluates KPI formulas over the measures the queries produced, resolving KPI
 * references for the same period (or bucket). Memoized; a reference cycle is an
 * error for the KPIs in it, never a hang.
 */
export class KpiEvaluator {
  private readonly memo = new Map<string, Computed>();

  constructor(
    private readonly definitions: Map<string, KpiDefinition>,
    private readonly store: SlotStore,
  ) {}

  total(kpi: string, period: Period, stack: string[] = []): Computed {
    return this.memoized(`${kpi}@${period.start}/${period.end}`, kpi, stack, (definition) =>
      this.compute(
        definition,
        (name) => this.store.get(totalSlot(kpi, name, period)),
        (reference, nextStack) => this.total(reference, period, nextStack),
        stack,
        {
          measure: (name, _measure, shift) =>
            this.store.get(totalSlot(kpi, name, shiftPeriod(period, shift))),
          kpi: (reference, shift, nextStack) => this.total(reference, shiftPeriod(period, shift), nextStack),
        },
      ),
    );
  }

  seriesPoint(
    kpi: string,
    range: Period,
    grain: Grain,
    bucket: SeriesBucket,
    stack: string[] = [],
  ): Computed {
    return this.memoized(`${kpi}@series/${bucket.key}`, kpi, stack, (definition) =>
      this.compute(
        definition,
        (name, measure) => {
          const snapshot =
            !isSqlMeasure(measure) && measure.time === undefined && !definition.periodBound.has(name);
          if (snapshot) return this.store.get(totalSlot(kpi, name, range));
          return keyedValue(this.store.get(seriesSlot(kpi, name, range, grain)), bucket.key, measure);
        },
        (reference, nextStack) => this.seriesPoint(reference, range, grain, bucket, nextStack),
        stack,
        {
          // Each bucket's own earlier period: the bucket shifted back by its length.
          measure: (name, measure, shift) =>
            keyedValue(
              this.store.get(previousSeriesSlot(kpi, name, range, grain, shift)),
              bucket.key,
              measure,
            ),
          kpi: (reference, shift, nextStack) => this.total(reference, shiftPeriod(bucket, shift), nextStack),
        },
      ),
    );
  }

  /** One segment value's row; references to other KPIs take their total for the period. */
  breakdownRow(kpi: string, period: Period, segment: string, key: string | null): Computed {
    const definition = this.definitions.get(kpi) as KpiDefinition;
    return this.compute(
      definition,
      (name, measure) => keyedValue(this.store.get(breakdownSlot(kpi, name, period, segment)), key, measure),
      (reference, nextStack) => this.total(reference, period, nextStack),
      [],
      {
        // The same segment value's row in the earlier period.
        measure: (name, measure, shift) =>
          keyedValue(
            this.store.get(breakdownSlot(kpi, name, shiftPeriod(period, shift), segment)),
            key,
            measure,
          ),
        kpi: (reference, shift, nextStack) => this.total(reference, shiftPeriod(period, shift), nextStack),
      },
    );
  }

  /** The segment values seen by any of the KPI's breakdown queries, or the first error. */
  breakdownKeys(kpi: string, period: Period, segment: string): (string | null)[] | { error: string } {
    const definition = this.definitions.get(kpi) as KpiDefinition;
    const keys = new Set<string | null>();
    for (const name of Object.keys(definition.measures)) {
      const slot = this.store.get(breakdownSlot(kpi, name, period, segment));
      if (slot?.kind === "error") return { error: `KPI "${kpi}", measure ${name}: ${slot.message}` };
      if (slot?.kind === "keyed") for (const key of slot.values.keys()) keys.add(key);
    }
    return [...keys].sort(compareKeys);
  }

  private memoized(
    key: string,
    kpi: string,
    stack: string[],
    compute: (definition: KpiDefinition) => Computed,
  ): Computed {
    const cached = this.memo.get(key);
    if (cached) return cached;
    if (stack.includes(kpi)) {
      const cycle = [...stack.slice(stack.indexOf(kpi)), kpi].join(" -> ");
      return {
        kind: "error",
        message: `KPI "${kpi}": its formula references itself (${cycle})`,
        measures: {},
      };
    }
    const definition = this.definitions.get(kpi);
    const result: Computed = !definition
      ? { kind: "error", message: `KPI "${kpi}" is not in the workspace`, measures: {} }
      : definition.problem
        ? { kind: "error", message: `KPI "${kpi}": ${definition.problem}`, measures: {} }
        : compute(definition);
    this.memo.set(key, result);
    return result;
  }

  private compute(
    definition: KpiDefinition,
    measureValue: MeasureLookup,
    referenceValue: (kpi: string, stack: string[]) => Computed,
    stack: string[],
    earlier: EarlierLookup,
  ): Computed {
    const measures: MeasureValues = {};
    for (const [name, measure] of Object.entries(definition.measures)) {
      const slot = measureValue(name, measure);
      if (!slot)
        return { kind: "error", message: `KPI "${definition.id}", measure ${name}: not computed`, measures };
      if (slot.kind === "error") {
        return {
          kind: "error",
          message: `KPI "${definition.id}", measure ${name}: ${slot.message}`,
          measures,
        };
      }
      measures[name] = slot.kind === "value" ? slot.value : null;
    }
    const references = new Map<string, number | null>();
    for (const reference of definition.kpiReferences) {
      const computed = referenceValue(reference, [...stack, definition.id]);
      if (computed.kind === "error") {
        const message = `KPI "${definition.id}": depends on KPI "${reference}": ${computed.message}`;
        return { kind: "error", message, measures };
      }
      references.set(reference, computed.value);
    }
    if (!definition.formula)
      return { kind: "error", message: `KPI "${definition.id}": no formula`, measures };
    const before = earlierValues(definition, earlier, [...stack, definition.id]);
    if ("error" in before) return { kind: "error", message: before.error, measures };
    const result = evaluateFormula(definition.formula, (name, shift) => {
      if (shift > 0) return before.value(name, shift);
      return Object.hasOwn(measures, name) ? (measures[name] ?? null) : (references.get(name) ?? null);
    });
    return result.value === null
      ? { kind: "value", value: null, reason: result.reason, measures }
      : { kind: "value", value: result.value, measures };
  }
}

function keyedValue(
  slot: SlotValue | undefined,
  key: string | null,
  measure: MeasureDef,
): SlotValue | undefined {
  if (slot?.kind !== "keyed") return slot;
  const value = slot.values.get(key);
  return { kind: "value", value: value === undefined ? emptyValue(measure) : value };
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
