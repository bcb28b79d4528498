import { formatDuration, type KpiFile } from "@kpi-as-code/core";

type UnitOf = Pick<Partial<KpiFile>, "unit" | "currency">;

/**
 * A target, threshold or benchmark value written the way a reviewer reads it: ratios and percents
 * as "27.3%", currency with its code ("1,200 EUR"). Independent of the machine's locale, so that
 * PR comments and snapshots are the same everywhere. Durations (hours) as core writes them. `decimals` fixes the digits after the point
 * (computed values); without it a value is written as precisely as it was given (targets).
 */
export function formatValue(value: unknown, kpi: UnitOf, options: { decimals?: number } = {}): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return formatPlain(value);
  const number = (n: number) =>
    options.decimals === undefined ? trimNumber(n) : n.toFixed(options.decimals);
  switch (kpi.unit) {
    case "ratio":
      return `${number(value * 100)}%`;
    case "percent":
      return `${number(value)}%`;
    case "duration":
      // Hours, as everywhere (spec 1.2): "24h 00m", never a bare 24.
      return formatDuration(value * 3600);
    case "currency":
      return kpi.currency
        ? `${groupThousands(number(value))} ${kpi.currency}`
        : groupThousands(number(value));
    default:
      return groupThousands(number(value));
  }
}

/** Any field value as short text: strings as they are, lists as "a, b", objects as compact YAML-like flow. */
export function formatPlain(value: unknown): string {
  if (value === undefined || value === null) return "none";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(formatPlain).join(", ")}]`;
  if (typeof value === "object") {
    const inner = Object.entries(value).map(([key, item]) => `${key}: ${formatPlain(item)}`);
    return `{ ${inner.join(", ")} }`;
  }
  return String(value);
}

/** Removes floating-point noise (0.1 * 100 = 10.000000000000002) without rounding real digits away. */
function trimNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** "1234567.5" -> "1,234,567.5": digits of a number already written out. */
function groupThousands(written: string): string {
  const [whole = "", fraction] = written.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${fraction !== undefined ? `.${fraction}` : ""}`;
}
