import type { Direction } from "@kpi-as-code/core";
import type { BreakdownRow } from "@kpi-as-code/runner";
import type { WorstSegment } from "./review-types.js";

/**
 * Of every segment value present in both periods, the one whose change is worst for the KPI's
 * direction (the biggest fall for `increase`, the biggest rise for `decrease`); null when none got worse.
 */
export function worstSegment(
  current: Record<string, BreakdownRow[]> | undefined,
  previous: Record<string, BreakdownRow[]> | undefined,
  direction: Direction,
): WorstSegment | null {
  let worst: WorstSegment | null = null;
  for (const [segment, rows] of Object.entries(current ?? {})) {
    const before = new Map((previous?.[segment] ?? []).map((row) => [row.key, row.value]));
    for (const row of rows) {
      const previousValue = before.get(row.key);
      if (row.value === null || previousValue === undefined || previousValue === null) continue;
      const change = row.value - previousValue;
      const badness = direction === "increase" ? -change : change;
      if (badness <= 0) continue;
      const worstBadness = worst ? (direction === "increase" ? -worst.change : worst.change) : 0;
      if (badness > worstBadness) {
        worst = { segment, key: row.key, value: row.value, previous_value: previousValue, change };
      }
    }
  }
  return worst;
}
