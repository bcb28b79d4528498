import type { KpiResult, RunResult } from "@kpi-as-code/runner";

/** Keys in the order the spec lists them; anything else the engine adds follows. */
const RESULT_KEYS = [
  "kpi",
  "version",
  "period",
  "value",
  "measures",
  "status",
  "target",
  "expected",
  "error",
  "breakdowns",
  "series",
];

/** `kpi run --format json`: the RunResult, `period` and `results` first (spec section 3). */
export function formatRunJson(run: RunResult): string {
  const { period, results, ...rest } = run;
  return `${JSON.stringify({ period, results: results.map(orderResult), ...rest }, null, 2)}\n`;
}

function orderResult(result: KpiResult): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  const source = result as unknown as Record<string, unknown>;
  for (const key of RESULT_KEYS) if (source[key] !== undefined) ordered[key] = source[key];
  for (const [key, value] of Object.entries(source)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}
