import type { Row } from "@kpi-as-code/connection";
import { GROUP_KEY_ALIAS } from "../compile/compile-query.js";
import type { AggregateQueryPlan, SqlQueryPlan } from "../plan/types.js";
import type { SlotStore } from "./slot-store.js";

/** A cell as a number: engines return BIGINT and DECIMAL aggregates as numbers or numeric text. */
export function numericCell(value: Row[string] | undefined): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  const number = Number(value);
  return value.trim() !== "" && Number.isFinite(number) ? number : undefined;
}

export function storeAggregateRows(query: AggregateQueryPlan, rows: Row[], store: SlotStore): void {
  if (!query.groupBy) {
    const row = rows[0] ?? {};
    for (const slot of query.slots)
      store.set(slot.slot, { kind: "value", value: numericCell(row[slot.alias]) ?? null });
    return;
  }
  const grouping = query.groupBy;
  for (const slot of query.slots) {
    const values = new Map<string | null, number | null>();
    for (const row of rows) {
      const raw = row[GROUP_KEY_ALIAS];
      const key = raw === null || raw === undefined ? null : String(raw);
      // A bucket is identified by its start date, whatever date or timestamp type the engine returns.
      const normalized = grouping.kind !== "segment" && key !== null ? key.slice(0, 10) : key;
      values.set(normalized, numericCell(row[slot.alias]) ?? null);
    }
    store.set(slot.slot, { kind: "keyed", values });
  }
}

/** A raw SQL measure must give one row with one numeric column; anything else is an error naming what came back. */
export function storeSqlMeasureRows(query: SqlQueryPlan, rows: Row[], store: SlotStore, label: string): void {
  const row = rows[0];
  const columns = row ? Object.keys(row) : [];
  let problem: string | undefined;
  if (rows.length !== 1) problem = `returned ${rows.length} rows`;
  else if (columns.length !== 1) problem = `returned ${columns.length} columns`;
  const value = row && columns.length === 1 ? numericCell(row[columns[0] as string]) : undefined;
  if (!problem && value === undefined) problem = "returned a value that is not a number";
  if (problem) {
    store.set(query.slot.slot, {
      kind: "error",
      message: `${label}: the SQL measure ${problem}; it must return one row with one numeric column`,
    });
    return;
  }
  if (query.bucketKey === undefined) {
    store.set(query.slot.slot, { kind: "value", value: value ?? null });
    return;
  }
  const existing = store.get(query.slot.slot);
  const values = existing?.kind === "keyed" ? existing.values : new Map<string | null, number | null>();
  values.set(query.bucketKey, value ?? null);
  if (existing?.kind !== "error") store.set(query.slot.slot, { kind: "keyed", values });
}
