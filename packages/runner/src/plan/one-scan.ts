import { dialects, type SqlDialect } from "@kpi-as-code/connection";
import { AGGREGATES, isAggregate, type Workspace } from "@kpi-as-code/core";
import { addDays } from "../periods/dates.js";
import type {
  AggregateExpression,
  AggregateQueryPlan,
  OneScan,
  QueryPlan,
  QuerySlot,
  ScanSet,
} from "./types.js";

// A period's value, its breakdowns by each segment and its series by a grain read the same rows of
// the same table: one scan computes them all. Engines with GROUPING SETS get every grouping from
// the engine; the others group once by every key and the runner rolls the re-aggregatable measures
// (core's AGGREGATES `rollUp`) up to each coarser grouping. Distinct counts and percentiles do not
// roll up: where the dialect can repeat each row once per grouping (`repeatRows`), the scan groups
// by the grouping's id and its key and computes every measure; elsewhere they keep their own queries.
// Only queries that read the same rows merge: the same lower bound (a `window` reads from before
// the period, `window: all` from the beginning), since a grouping of a scan that reads more rows
// would show segment values and buckets that have no row in its own range.
// The bucket-list series of measures that read each bucket's bounds (windows, states, `:start`/`:end`,
// calendars the engine's buckets do not know) stay apart too: they join every row to its buckets.

const SEP = "\u0001";

/** What one scan can do on an engine (its dialect's `groupingSets`, `repeatRows`, `nativePercentile`). */
export interface ScanCapability {
  /** GROUPING SETS and the engine's own percentile: every measure in one scan. */
  groupingSets: boolean;
  /** Each row repeated once per grouping: every measure the engine aggregates in one GROUP BY. */
  repeatRows: boolean;
  /** A percentile is one aggregate (not the window-function emulation, which cannot take the repeated key). */
  nativePercentile: boolean;
}

export function scanCapability(dialect: SqlDialect): ScanCapability {
  return {
    groupingSets: dialect.groupingSets && dialect.nativePercentile,
    repeatRows: dialect.repeatRows !== null,
    nativePercentile: dialect.nativePercentile,
  };
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

/** The first day a query reads (its expressions' earliest), null from the beginning, "" without time. */
function lowerBound(plan: AggregateQueryPlan): string | null {
  if (plan.time === undefined) return "";
  let lowest = plan.period.start;
  for (const expression of plan.expressions) {
    if (expression.window === undefined) continue;
    if (expression.window === "all") return null;
    const from = addDays(plan.period.end, -Number.parseInt(expression.window, 10));
    if (from < lowest) lowest = from;
  }
  return lowest;
}

function mergeScan(plans: AggregateQueryPlan[], capability: ScanCapability): AggregateQueryPlan[] {
  const byRows = new Map<string | null, AggregateQueryPlan[]>();
  for (const plan of plans) {
    const bound = lowerBound(plan);
    byRows.set(bound, [...(byRows.get(bound) ?? []), plan]);
  }
  return [...byRows.values()].flatMap((sameRows) => mergeSameRows(sameRows, capability));
}

function mergeSameRows(plans: AggregateQueryPlan[], capability: ScanCapability): AggregateQueryPlan[] {
  if (plans.length < 2) return plans;
  if (capability.groupingSets) return combine(plans, "grouping-sets");
  // Roll-up: only the re-aggregatable measures join the scan; the others keep their query.
  const [rolling, rest] = split(plans, rollsUp);
  const rollUpScans = 1 + rest.length;
  if (capability.repeatRows && rest.length > 0) {
    // Repeated rows: every measure joins the scan but an emulated percentile (its window functions
    // number the rows of one grouping), used when it scans less than the roll-up and the plain path.
    const [repeating, kept] = split(plans, (expression) => grouped(expression, capability));
    if (1 + kept.length < Math.min(rollUpScans, plans.length))
      return [...combine(repeating, "repeat-rows"), ...kept];
  }
  // Worth it only when it saves a scan: each plan that keeps a distinct count or a percentile still scans.
  if (rollUpScans >= plans.length) return plans;
  return [...combine(rolling, "roll-up"), ...rest];
}

/** Whether the engine computes an expression in one GROUP BY (an emulated percentile it does not). */
function grouped(expression: AggregateExpression, capability: ScanCapability): boolean {
  return expression.fraction === undefined || capability.nativePercentile;
}

/** The plans' parts whose expressions pass, and the parts whose do not. */
function split(
  plans: readonly AggregateQueryPlan[],
  passes: (expression: AggregateExpression) => boolean,
): [AggregateQueryPlan[], AggregateQueryPlan[]] {
  const passing: AggregateQueryPlan[] = [];
  const failing: AggregateQueryPlan[] = [];
  for (const plan of plans) {
    const [yes, no] = partition(plan, passes);
    if (yes) passing.push(yes);
    if (no) failing.push(no);
  }
  return [passing, failing];
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
function combine(plans: AggregateQueryPlan[], kind: OneScan["kind"]): AggregateQueryPlan[] {
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
