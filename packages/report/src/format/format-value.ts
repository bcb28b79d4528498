import type { Unit } from "@kpi-as-code/core";

/** What formatting a value needs from its KPI's definition (results carry bare numbers). */
export interface ValueDisplay {
  unit?: Unit | undefined;
  currency?: string | undefined;
  range?: [number, number] | undefined;
}

/** Fixed locale: a report reads the same whoever renders it, and its snapshots stay stable. */
const LOCALE = "en-US";
export const NO_VALUE = "—";

/**
 * A value as a reader expects it for its unit, the same way `kpi run` shows it: ratio and percent
 * as `%`, currency with its ISO code, durations (seconds) as `1h 05m`, counts with separators.
 */
export function formatValue(value: number | null | undefined, display: ValueDisplay = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  switch (display.unit) {
    case "ratio":
      return `${fixed(value * 100, 1)}%`;
    case "percent":
      return `${fixed(value, 1)}%`;
    case "currency":
      return formatCurrency(value, display.currency);
    case "duration":
      return formatDuration(value);
    case "score":
      return decimal(value, 2);
    default:
      return decimal(value, Number.isInteger(value) ? 0 : 2);
  }
}

export function decimal(value: number, digits: number): string {
  return value.toLocaleString(LOCALE, { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

function fixed(value: number, digits: number): string {
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

/** Seconds as the two largest units that matter: `850ms`, `42s`, `3m 20s`, `1h 05m`, `2d 4h`. */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? "-" : "";
  const s = Math.abs(seconds);
  if (s < 1) return `${sign}${Math.round(s * 1000)}ms`;
  if (s < 60) return `${sign}${decimal(s, s < 10 ? 1 : 0)}s`;
  const total = Math.round(s);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (days > 0) return `${sign}${days}d ${hours}h`;
  if (hours > 0) return `${sign}${hours}h ${pad(minutes)}m`;
  return `${sign}${minutes}m ${pad(secs)}s`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
