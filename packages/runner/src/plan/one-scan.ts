import { dialects, type SqlDialect } from "@kpi-as-code/connection";
import { AGGREGATES, isAggregate, type Workspace } from "@kpi-as-code/core";
import type { AggregateExpression, AggregateQueryPlan, QueryPlan, QuerySlot, ScanSet } from "./types.js";

// A period's value, its breakdowns by each segment and its series by a grain read the same rows of
// the same table: one scan computes them all. Engines with GROUPING SETS get every grouping from
// the engine; the others group once by every key and the runner rolls the re-aggregatable measures
// (core's AGGREGATES `rollUp`) up to each coarser grouping, while distinct counts and percentiles
// keep their own grouped queries. What stays apart: a series whose scan also reads rows before the
// period (a measure with a `window`: the bucket grouping would see those rows' buckets), and the
// bucket-list series of measures that read each bucket's bounds (windows, states, `:start`/`:end`,
// calendars the engine's buckets do not know), which join every row to its buckets.

const SEP = "\u0001";

export type ScanCapability = "grouping-sets" | "roll-up";

/** What one scan can do on a dialect: GROUPING SETS where the engine has them (and its own percentile). */
export function scanCapability(dialect: SqlDialect): ScanCapability {
  return dialect.groupingSets && dialect.nativePercentile ? "grouping-sets" : "roll-up";
}

/** The capability of each source of a workspace, by its type's dialect. */
export function sourceScanCapability(workspace: Workspace): (source: string) => ScanCapability {
  return (source) => {
    const type = (workspace.sources[source] as { type: keyof typeof dialects }).type;
    return scanCapability(dialects[type]);
  };
}

/** Whether an expression's values over disjoint groups of rows combine into their union's value. */
export function rollsUp(expression: AggregateExpression): boolean {
  return (
    expression.fraction === undefined &&
    isAggregate(expression.aggregate) &&
    "rollUp" in AGGREGATES[expression.aggregate]
  );
}

/**
 * Merges the queries that scan the same rows (same source, table, time column, period and zone)
 * with different groupings (none, a segment, a time bucket) into one query with `oneScan`.
 */
export function mergeScans(
  queries: readonly QueryPlan[],
  capability: (source: string) => ScanCapability,
): QueryPlan[] {
  const merged: QueryPlan[] = [];
  const scans = new Map<string, AggregateQueryPlan[]>();
  for (const query of queries) {
    if (query.kind !== "aggregate" || query.groupBy?.kind === "buckets") {
      merged.push(query);
      continue;
    }
    const key = [
      query.source,
      query.table,
      query.time ?? "",
      query.period.start,
      query.period.end,
      query.timezone ?? "",
    ].join(SEP);
    scans.set(key, [...(scans.get(key) ?? []), query]);
  }
  for (const plans of scans.values()) merged.push(...mergeScan(plans, capability(plans[0]?.source ?? "")));
  return merged;
}

function mergeScan(plans: AggregateQueryPlan[], capability: ScanCapability): AggregateQueryPlan[] {
  // Rows before the period (a window) would add earlier buckets to the bucket grouping.
  const readsEarlier = plans.some((plan) => plan.expressions.some((e) => e.window !== undefined));
  const apart = plans.filter((plan) => readsEarlier && plan.groupBy?.kind === "bucket");
  const together = plans.filter((plan) => !apart.includes(plan));
  if (together.length < 2) return plans;
  if (capability === "grouping-sets") return [...combine(together, "grouping-sets"), ...apart];
  // Roll-up: only the re-aggregatable measures join the scan; the others keep their query.
  const rest: AggregateQueryPlan[] = [];
  const rolling: AggregateQueryPlan[] = [];
  for (const plan of together) {
    const [rolled, kept] = partition(plan, rollsUp);
    if (rolled) rolling.push(rolled);
    if (kept) rest.push(kept);
  }
  // Worth it only when it saves a scan: each plan that keeps a distinct count or a percentile still scans.
  if (1 + rest.length >= together.length) return plans;
  return [...combine(rolling, "roll-up"), ...rest, ...apart];
}

/** The plan's part whose expressions pass, and the part whose do not (undefined when empty). */
function partition(
  plan: AggregateQueryPlan,
  passes: (expression: AggregateExpression) => boolean,
): [AggregateQueryPlan | undefined, AggregateQueryPlan | undefined] {
  const part = (keep: boolean): AggregateQueryPlan | undefined => {
    const expressions = plan.expressions.filter((expression) => passes(expression) === keep);
    if (expressions.length === 0) return undefined;
    const aliases = new Set(expressions.map((expression) => expression.alias));
    return { ...plan, expressions, slots: plan.slots.filter((slot) => aliases.has(slot.alias)) };
  };
  return [part(true), part(false)];
}

function scanSet(plan: AggregateQueryPlan): ScanSet {
  const groupBy = plan.groupBy;
  if (!groupBy) return { kind: "total" };
  if (groupBy.kind === "segment") return { kind: "segment", column: groupBy.column };
  if (groupBy.kind === "buckets") throw new TypeError("A bucket-list query is never merged into one scan");
  return { kind: "bucket", grain: groupBy.grain };
}

/** One plan computing every plan's grouping; identical expressions share one result column. */
function combine(plans: AggregateQueryPlan[], kind: ScanCapability): AggregateQueryPlan[] {
  const first = plans[0] as AggregateQueryPlan;
  const sets: ScanSet[] = [];
  const expressions: AggregateExpression[] = [];
  const slots: QuerySlot[] = [];
  const aliases = new Map<string, string>();
  for (const plan of plans) {
    const set = sets.length;
    sets.push(scanSet(plan));
    const renamed = new Map<string, string>();
    for (const expression of plan.expressions) {
      const key = JSON.stringify({ ...expression, alias: undefined });
      let alias = aliases.get(key);
      if (alias === undefined) {
        alias = `m${expressions.length}`;
        aliases.set(key, alias);
        expressions.push({ ...expression, alias });
      }
      renamed.set(expression.alias, alias);
    }
    for (const slot of plan.slots) slots.push({ ...slot, alias: renamed.get(slot.alias) as string, set });
  }
  const { groupBy: _single, ...scan } = first;
  return [{ ...scan, groupBy: undefined, expressions, slots, oneScan: { kind, sets } }];
}
