import type { MeasureDef } from "@kpi-as-code/core";
import type { SlotValue } from "../execute/slot-store.js";
import type { KpiDefinition } from "../plan/kpi-definition.js";
import { previousReads } from "../plan/previous-reads.js";
import type { Computed } from "./kpi-evaluator.js";

/** How one computation (a total, a series point, a breakdown row) reads values `shift` periods back. */
export interface EarlierLookup {
  measure(name: string, measure: MeasureDef, shift: number): SlotValue | undefined;
  kpi(reference: string, shift: number, stack: string[]): Computed;
}

const SEP = "\u0001";

/**
 * The values a formula reads through `previous`, or the first failure among them (a failed query
 * of an earlier period fails the KPI as a failed query of its own period does). No value there is
 * null, which the formula turns into no value with the reason.
 */
export function earlierValues(
  definition: KpiDefinition,
  lookup: EarlierLookup,
  stack: string[],
): { value: (name: string, shift: number) => number | null } | { error: string } {
  const values = new Map<string, number | null>();
  for (const reads of previousReads(definition)) {
    const back = `${reads.shift} period${reads.shift === 1 ? "" : "s"} back`;
    for (const name of reads.measures) {
      const slot = lookup.measure(name, definition.measures[name] as MeasureDef, reads.shift);
      if (!slot || slot.kind === "error") {
        const why = slot?.kind === "error" ? slot.message : "not computed";
        return { error: `KPI "${definition.id}", measure ${name} (${back}): ${why}` };
      }
      values.set(reads.shift + SEP + name, slot.kind === "value" ? slot.value : null);
    }
    for (const reference of reads.kpis) {
      const computed = lookup.kpi(reference, reads.shift, stack);
      if (computed.kind === "error")
        return {
          error: `KPI "${definition.id}": depends on KPI "${reference}" (${back}): ${computed.message}`,
        };
      values.set(reads.shift + SEP + reference, computed.value);
    }
  }
  return { value: (name, shift) => values.get(shift + SEP + name) ?? null };
}
