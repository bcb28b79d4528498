import type { Row } from "@kpi-as-code/connection";
import { AGGREGATES, isAggregate } from "@kpi-as-code/core";
import {
  GROUPING_ID_ALIAS,
  meanAliases,
  REPEATED_KEY_ALIAS,
  REPEATED_NULL_ALIAS,
  rollUpOf,
  setFlagAlias,
  setKeyAlias,
} from "../compile/one-scan-sql.js";
import type { AggregateExpression, AggregateQueryPlan, ScanSet } from "../plan/types.js";
import { numericCell } from "./read-results.js";
import type { SlotStore } from "./slot-store.js";

// Reads a one-scan query's rows into the same slots the separate queries would fill: each
// grouping's rows (GROUPING SETS, or repeated rows by their grouping id), or the finest grouping's
// rows rolled up to each grouping.

type Key = string | null;

/** A group key as the separate queries give it: a bucket by its start date, a segment value as text. */
function keyOf(row: Row, set: ScanSet, index: number): Key {
  if (set.kind === "total") return null;
  // One text key for every grouping (the dialect's repeatedRowKey): its flag says NULL.
  if (REPEATED_KEY_ALIAS in row && numericCell(row[REPEATED_NULL_ALIAS]) === 1) return null;
  const raw = REPEATED_KEY_ALIAS in row ? row[REPEATED_KEY_ALIAS] : row[setKeyAlias(index)];
  if (raw === null || raw === undefined) return null;
  return set.kind === "bucket" ? String(raw).slice(0, 10) : String(raw);
}

export function storeOneScanRows(query: AggregateQueryPlan, rows: Row[], store: SlotStore): void {
  const scan = query.oneScan;
  if (!scan) throw new TypeError("Not a one-scan query");
  const groups =
    scan.kind === "grouping-sets"
      ? groupingSetRows(scan.sets, rows)
      : scan.kind === "repeat-rows"
        ? repeatedRows(scan.sets, rows)
        : scan.sets.map(() => rows);
  const expressions = new Map(query.expressions.map((expression) => [expression.alias, expression]));
  // Each set's rows by key, grouped once for all the slots the set fills.
  const keyed = scan.sets.map((set, index) => {
    const byKey = new Map<Key, Row[]>();
    if (set.kind === "total") return byKey;
    for (const row of groups[index] ?? []) {
      const key = keyOf(row, set, index);
      const group = byKey.get(key);
      if (group) group.push(row);
      else byKey.set(key, [row]);
    }
    return byKey;
  });
  for (const slot of query.slots) {
    const index = slot.set ?? 0;
    const expression = expressions.get(slot.alias) as AggregateExpression;
    // One row per key, but a repeated grouping has no row at all when the period has none.
    const groupValue = (group: readonly Row[]) =>
      scan.kind === "roll-up" || group.length === 0
        ? rolledUp(expression, group)
        : cell(group[0], slot.alias);
    if (scan.sets[index]?.kind === "total") {
      store.set(slot.slot, { kind: "value", value: groupValue(groups[index] ?? []) });
      continue;
    }
    const values = new Map<Key, number | null>();
    for (const [key, group] of keyed[index] ?? []) values.set(key, groupValue(group));
    store.set(slot.slot, { kind: "keyed", values });
  }
}

/** Each set's rows: GROUPING() is 0 for the set's own key and 1 for every other set's. */
function groupingSetRows(sets: readonly ScanSet[], rows: readonly Row[]): Row[][] {
  const groups: Row[][] = sets.map(() => []);
  const total = sets.findIndex((set) => set.kind === "total");
  for (const row of rows) {
    const own = sets.findIndex(
      (set, index) => set.kind !== "total" && numericCell(row[setFlagAlias(index)]) === 0,
    );
    const index = own >= 0 ? own : total;
    if (index >= 0) groups[index]?.push(row);
  }
  return groups;
}

/** Each set's rows: a repeated row's grouping id is its set's index. */
function repeatedRows(sets: readonly ScanSet[], rows: readonly Row[]): Row[][] {
  const groups: Row[][] = sets.map(() => []);
  for (const row of rows) groups[numericCell(row[GROUPING_ID_ALIAS]) ?? -1]?.push(row);
  return groups;
}

function cell(row: Row | undefined, alias: string): number | null {
  return row ? (numericCell(row[alias]) ?? null) : null;
}

/** An expression's value over a group of finer groups' rows, combined as the registry says. */
function rolledUp(expression: AggregateExpression, rows: readonly Row[]): number | null {
  const how = rollUpOf(expression);
  if (rows.length === 0)
    return isAggregate(expression.aggregate) ? AGGREGATES[expression.aggregate].overNoRows : null;
  if (how === "mean") {
    const { sum, count } = meanAliases(expression.alias);
    const total = combine("sum", rows, sum);
    const n = combine("sum", rows, count) ?? 0;
    return n === 0 || total === null ? null : total / n;
  }
  return combine(how ?? "sum", rows, expression.alias);
}

function combine(how: "sum" | "min" | "max", rows: readonly Row[], alias: string): number | null {
  let result: number | null = null;
  for (const row of rows) {
    const value = cell(row, alias);
    if (value === null) continue;
    if (result === null) result = value;
    else if (how === "sum") result += value;
    else if (how === "min") result = Math.min(result, value);
    else result = Math.max(result, value);
  }
  return result;
}
