import type { KpiFile } from "@kpi-as-code/core";
import { expectedValue } from "../pace/target-path.js";
import { type Calendar, seriesBuckets } from "../periods/index.js";
import type { KpiDefinition } from "../plan/kpi-definition.js";
import type { RunRequest, RunTarget } from "../plan/plan-run.js";
import type { BreakdownRow, KpiResult, Period, SeriesPoint } from "../types.js";
import { definitionHash } from "./definition-hash.js";
import type { Computed, KpiEvaluator } from "./kpi-evaluator.js";
import { statusOf, targetRef } from "./status.js";

/** The `kpi run` results of the requested KPIs, in request order. */
export function buildResults(
  request: RunRequest,
  definitions: Map<string, KpiDefinition>,
  evaluator: KpiEvaluator,
): KpiResult[] {
  return request.targets.map((target) =>
    buildResult(target, request, definitions.get(target.kpi), evaluator),
  );
}

function buildResult(
  target: RunTarget,
  request: RunRequest,
  definition: KpiDefinition | undefined,
  evaluator: KpiEvaluator,
): KpiResult {
  const data = (definition?.data ?? {}) as KpiFile;
  if (request.totals === false && request.grain && definition) {
    return seriesOnlyResult(target, request.grain, data, evaluator, request.calendar);
  }
  const computed = evaluator.total(target.kpi, target.period);
  const result: KpiResult = {
    kpi: target.kpi,
    version: typeof data.version === "number" ? data.version : 0,
    period: target.period,
    ...valueFields(computed, data, target.period),
    target: targetRef(data),
    expected: expectedValue(data, target.period),
    definitionHash: definitionHash(data),
  };
  if (computed.kind === "error" || !definition) return result;
  const breakdowns =
    request.breakdowns === false ? undefined : buildBreakdowns(target, definition, evaluator);
  if (breakdowns) result.breakdowns = breakdowns;
  if (request.grain) {
    const { series, errors } = seriesPoints(target, request.grain, evaluator, request.calendar);
    result.series = series;
    // A failed series query is the KPI's error, never points silently left empty.
    if (errors.length > 0) {
      result.status = "error";
      result.error = `series: ${errors[0]}`;
    }
  }
  return result;
}

function seriesPoints(
  target: RunTarget,
  grain: NonNullable<RunRequest["grain"]>,
  evaluator: KpiEvaluator,
  calendar: Calendar | undefined,
): { series: SeriesPoint[]; errors: string[] } {
  const errors: string[] = [];
  const series = seriesBuckets(target.period, grain, calendar).map((bucket): SeriesPoint => {
    const point = evaluator.seriesPoint(target.kpi, target.period, grain, bucket);
    if (point.kind === "error") errors.push(point.message);
    return {
      start: bucket.start,
      end: bucket.end,
      value: point.kind === "value" ? point.value : null,
      measures: point.measures,
      ...(point.kind === "error" ? { error: point.message } : {}),
    };
  });
  return { series, errors };
}

/**
 * A run for the series alone (`totals: false`): no value for the whole period, so `no_data`, or
 * `error` with the first failure when no point could be computed.
 */
function seriesOnlyResult(
  target: RunTarget,
  grain: NonNullable<RunRequest["grain"]>,
  data: KpiFile,
  evaluator: KpiEvaluator,
  calendar: Calendar | undefined,
): KpiResult {
  const { series, errors } = seriesPoints(target, grain, evaluator, calendar);
  const failed = errors.length > 0 && errors.length === series.length;
  return {
    kpi: target.kpi,
    version: typeof data.version === "number" ? data.version : 0,
    period: target.period,
    value: null,
    measures: {},
    status: failed ? "error" : "no_data",
    ...(failed ? { error: errors[0] as string } : {}),
    target: targetRef(data),
    expected: expectedValue(data, target.period),
    definitionHash: definitionHash(data),
    series,
  };
}

function valueFields(
  computed: Computed,
  data: KpiFile,
  period: Period,
): Pick<KpiResult, "value" | "measures" | "status" | "error"> {
  if (computed.kind === "error") {
    return { value: null, measures: computed.measures, status: "error", error: computed.message };
  }
  const fields = {
    value: computed.value,
    measures: computed.measures,
    status: statusOf(computed.value, data, period),
  };
  return computed.reason === undefined ? fields : { ...fields, error: computed.reason };
}

function buildBreakdowns(
  target: RunTarget,
  definition: KpiDefinition,
  evaluator: KpiEvaluator,
): Record<string, BreakdownRow[]> | undefined {
  const segments = definition.data.segments ?? [];
  const measures = Object.values(definition.measures);
  if (segments.length === 0 || measures.some((measure) => "sql" in measure)) return undefined;
  const breakdowns: Record<string, BreakdownRow[]> = {};
  for (const segment of segments) {
    const keys = evaluator.breakdownKeys(target.kpi, target.period, segment);
    if (!Array.isArray(keys)) continue;
    breakdowns[segment] = keys.map((key) => {
      const row = evaluator.breakdownRow(target.kpi, target.period, segment, key);
      return { key, value: row.kind === "value" ? row.value : null, measures: row.measures };
    });
  }
  return breakdowns;
}
