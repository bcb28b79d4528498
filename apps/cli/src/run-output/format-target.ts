import type { TargetRef } from "@kpi-as-code/runner";
import { formatValue } from "./format-value.js";
import type { KpiDisplay } from "./kpi-display.js";

/**
 * The target a status was measured against, after the value the target path expects at the
 * period's end (spec 5.1): `expected 26.7% now, ≥ 30.0% by 2026-12-31, warning 27.0%, critical 22.0%`.
 */
export function formatTarget(
  target: TargetRef | null,
  display: KpiDisplay = {},
  expected: number | null = null,
): string {
  const parts: string[] = [];
  if (expected !== null) parts.push(`expected ${formatValue(expected, display)} now`);
  if (!target || target.kind === "none") return parts.join(", ");
  if (target.value !== null) {
    const comparison = display.direction === "decrease" ? "≤ " : display.direction === "increase" ? "≥ " : "";
    parts.push(`${comparison}${formatValue(target.value, display)}${target.by ? ` by ${target.by}` : ""}`);
  }
  if (target.warning !== undefined) parts.push(`warning ${formatValue(target.warning, display)}`);
  if (target.critical !== undefined) parts.push(`critical ${formatValue(target.critical, display)}`);
  return parts.join(", ");
}
