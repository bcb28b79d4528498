import type { Cadence, Direction, Unit, Workspace } from "@kpi-as-code/core";

/** What the run output needs from a KPI's definition to show its value (the results carry numbers only). */
export interface KpiDisplay {
  name?: string;
  unit?: Unit;
  currency?: string;
  range?: [number, number];
  direction?: Direction;
  /** Which period one value covers: only periods of this length share a trend or a sparkline. */
  cadence?: Cadence;
}

export type KpiDisplays = ReadonlyMap<string, KpiDisplay>;

/** Units, names and directions of the workspace's KPIs. */
export function kpiDisplays(workspace: Workspace): Map<string, KpiDisplay> {
  const displays = new Map<string, KpiDisplay>();
  for (const entry of workspace.kpis) {
    if (entry.id === undefined || displays.has(entry.id)) continue;
    const { name, unit, currency, range, direction, cadence } = entry.data;
    displays.set(entry.id, {
      ...(typeof name === "string" ? { name } : {}),
      ...(typeof unit === "string" ? { unit } : {}),
      ...(typeof currency === "string" ? { currency } : {}),
      ...(Array.isArray(range) && range.length === 2 ? { range } : {}),
      ...(typeof direction === "string" ? { direction } : {}),
      ...(typeof cadence === "string" ? { cadence } : {}),
    });
  }
  return displays;
}
