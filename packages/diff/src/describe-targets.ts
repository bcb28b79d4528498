import type { KpiFile } from "@kpi-as-code/core";
import { describeChange, describeNumberChange, withValues } from "./describe-change.js";
import { formatPlain, formatValue } from "./format-value.js";
import { recordOf, sameValue } from "./same-value.js";
import type { FieldChange } from "./types.js";

type Kpi = Partial<KpiFile>;

const TARGET_POINTS = [
  ["baseline", "baseline", "at"],
  ["short_term", "short-term target", "by"],
  ["mid_term", "mid-term target", "by"],
] as const;

/** Target points compared value by value and date by date, values written in the KPI's unit. */
export function targetChanges(before: Kpi, after: Kpi): FieldChange[] {
  const changes: FieldChange[] = [];
  const oldTarget = recordOf(before.target);
  const newTarget = recordOf(after.target);
  for (const [key, label, dateKey] of TARGET_POINTS) {
    const oldPoint = oldTarget[key];
    const newPoint = newTarget[key];
    if (sameValue(oldPoint, newPoint)) continue;
    const field = `target.${key}`;
    if (oldPoint === undefined || newPoint === undefined) {
      const point = (value: unknown, kpi: Kpi) => describePoint(value, dateKey, kpi);
      changes.push(
        describeChange(
          field,
          label,
          oldPoint,
          newPoint,
          (v) => point(v, before),
          (v) => point(v, after),
        ),
      );
      continue;
    }
    const oldRecord = recordOf(oldPoint);
    const newRecord = recordOf(newPoint);
    if (!sameValue(oldRecord.value, newRecord.value)) {
      changes.push(
        describeNumberChange(
          `${field}.value`,
          label,
          oldRecord.value,
          newRecord.value,
          (v) => formatValue(v, before),
          (v) => formatValue(v, after),
        ),
      );
    }
    if (!sameValue(oldRecord[dateKey], newRecord[dateKey])) {
      changes.push(
        describeDateChange(`${field}.${dateKey}`, `${label} date`, oldRecord[dateKey], newRecord[dateKey]),
      );
    }
  }
  for (const key of Object.keys(newTarget)) {
    if (TARGET_POINTS.some(([known]) => known === key) || sameValue(oldTarget[key], newTarget[key])) continue;
    changes.push(
      describeChange(`target.${key}`, `target ${key}`, oldTarget[key], newTarget[key], formatPlain),
    );
  }
  return changes;
}

const THRESHOLDS = [
  ["warning", "warning threshold"],
  ["critical", "critical threshold"],
] as const;

export function thresholdChanges(before: Kpi, after: Kpi): FieldChange[] {
  const oldThresholds = recordOf(before.thresholds);
  const newThresholds = recordOf(after.thresholds);
  return THRESHOLDS.flatMap(([key, label]) =>
    sameValue(oldThresholds[key], newThresholds[key])
      ? []
      : [
          describeNumberChange(
            `thresholds.${key}`,
            label,
            oldThresholds[key],
            newThresholds[key],
            (v) => formatValue(v, before),
            (v) => formatValue(v, after),
          ),
        ],
  );
}

export function benchmarkChanges(before: Kpi, after: Kpi): FieldChange[] {
  if (sameValue(before.benchmark, after.benchmark)) return [];
  if (before.benchmark === undefined || after.benchmark === undefined) {
    const point = (value: unknown, kpi: Kpi) => {
      const record = recordOf(value);
      const source = typeof record.source === "string" ? ` (${record.source})` : "";
      return `${formatValue(record.value, kpi)}${source}`;
    };
    return [
      describeChange(
        "benchmark",
        "benchmark",
        before.benchmark,
        after.benchmark,
        (v) => point(v, before),
        (v) => point(v, after),
      ),
    ];
  }
  const changes: FieldChange[] = [];
  const oldBenchmark = recordOf(before.benchmark);
  const newBenchmark = recordOf(after.benchmark);
  if (!sameValue(oldBenchmark.value, newBenchmark.value)) {
    changes.push(
      describeNumberChange(
        "benchmark.value",
        "benchmark",
        oldBenchmark.value,
        newBenchmark.value,
        (v) => formatValue(v, before),
        (v) => formatValue(v, after),
      ),
    );
  }
  if (!sameValue(oldBenchmark.source, newBenchmark.source)) {
    changes.push(
      describeChange(
        "benchmark.source",
        "benchmark source",
        oldBenchmark.source,
        newBenchmark.source,
        formatPlain,
      ),
    );
  }
  return changes;
}

function describePoint(value: unknown, dateKey: "at" | "by", kpi: Kpi): string {
  const record = recordOf(value);
  const date = record[dateKey] !== undefined ? ` ${dateKey} ${formatPlain(record[dateKey])}` : "";
  return `${formatValue(record.value, kpi)}${date}`;
}

function describeDateChange(field: string, label: string, before: unknown, after: unknown): FieldChange {
  if (before === undefined || after === undefined) {
    return describeChange(field, label, before, after, formatPlain);
  }
  return withValues(
    { field, description: `${label} moved from ${formatPlain(before)} to ${formatPlain(after)}` },
    before,
    after,
  );
}
