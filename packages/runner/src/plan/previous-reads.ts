import { shiftedIdentifiers } from "@kpi-as-code/core";
import type { KpiDefinition } from "./kpi-definition.js";

/** What a formula reads n periods back (n > 0): its own measures there, and other KPIs' values there. */
export interface PreviousReads {
  shift: number;
  measures: string[];
  kpis: string[];
}

const cache = new WeakMap<KpiDefinition, PreviousReads[]>();

/**
 * The earlier periods a KPI's formula reads through `previous`, by shift (ascending), each with the
 * measures of this KPI and the other KPIs it reads there. Empty without `previous`.
 */
export function previousReads(definition: KpiDefinition): PreviousReads[] {
  const cached = cache.get(definition);
  if (cached) return cached;
  const byShift = new Map<number, { measures: Set<string>; kpis: Set<string> }>();
  for (const { identifier, shift } of definition.formula ? shiftedIdentifiers(definition.formula) : []) {
    if (shift === 0) continue;
    const reads = byShift.get(shift) ?? { measures: new Set<string>(), kpis: new Set<string>() };
    if (Object.hasOwn(definition.measures, identifier.name)) reads.measures.add(identifier.name);
    else reads.kpis.add(identifier.name);
    byShift.set(shift, reads);
  }
  const reads = [...byShift]
    .sort(([a], [b]) => a - b)
    .map(([shift, { measures, kpis }]) => ({ shift, measures: [...measures], kpis: [...kpis] }));
  cache.set(definition, reads);
  return reads;
}
