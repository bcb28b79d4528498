import type { Unit } from "../model/types.js";

/** What formatting a value needs from its KPI's definition (results carry bare numbers). */
export interface ValueDisplay {
  unit?: Unit | undefined;
  currency?: string | undefined;
  range?: [number, number] | undefined;
}

/** Fixed locale: output is the same on every machine, in CI logs, reports and editors. */
const LOCALE = "en-US";
export const NO_VALUE = "—";

/**
 * A value as a reader expects it for its unit: ratio (0..1) and percent (0..100) as `%`,
 * currency with its ISO code, durations (in hours, the format's unit for `duration`) as `5h 12m`, scores
 * as the number (their scale belongs in hovers and reports, not in every cell), counts with thousands
 * separators.
 */
export function formatValue(
  value: number | null | undefined,
  display: ValueDisplay = {},
  options: { compact?: boolean } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  // Tables keep one decimal so percentages line up; prose (`compact`) drops a trailing ".0".
  const percent = (n: number) => `${options.compact ? decimal(n, 1) : fixed(n, 1)}%`;
  switch (display.unit) {
    case "ratio":
      return percent(value * 100);
    case "percent":
      return percent(value);
    case "currency":
      return formatCurrency(value, display.currency);
    case "duration":
      return formatHours(value);
    case "score":
      return decimal(value, 2);
    default:
      return decimal(value, Number.isInteger(value) ? 0 : 2);
  }
}

/** KPI durations are written in hours (docs/format.md); formatDuration takes seconds. */
const SECONDS_PER_HOUR = 3600;

/** Up to `digits` decimals, thousands separated. */
export function decimal(value: number, digits: number): string {
  return value.toLocaleString(LOCALE, { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** Exactly `digits` decimals, so percentages line up in a column. */
export function fixed(value: number, digits: number): string {
  return value.toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatCurrency(value: number, currency: string | undefined): string {
  if (!currency) return decimal(value, 2);
  try {
    return new Intl.NumberFormat(LOCALE, { style: "currency", currency, currencyDisplay: "code" })
      .format(value)
      .replace(/\s/g, " ");
  } catch {
    // Not an ISO 4217 code Intl knows: still show it.
    return `${currency} ${decimal(value, 2)}`;
  }
}

/**
 * Seconds as people read a service time: `850ms`, `42s`, `9m`, `8h 04m`, `24h 34m`. Never days: a
 * 24-hour SLA shown as `1d 0h` would hide the minutes that decide it. Above a minute the precision
 * is a minute (what hours-valued KPIs carry).
 */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? "-" : "";
  const s = Math.abs(seconds);
  if (s < 1) return `${sign}${Math.round(s * 1000)}ms`;
  if (s < 59.5) return `${sign}${decimal(s, s < 10 ? 1 : 0)}s`;
  const totalMinutes = Math.round(s / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours > 0) return `${sign}${decimal(hours, 0)}h ${pad(minutes)}m`;
  return `${sign}${minutes}m`;
}

/** A KPI duration (hours, spec 1.2) or a change of one: `24h 34m`, `-9m`, `-1h 20m`. */
function formatHours(hours: number): string {
  return formatDuration(hours * SECONDS_PER_HOUR);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
