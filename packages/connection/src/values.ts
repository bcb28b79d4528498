import type { Row } from "./types.js";

type RowValue = Row[string];

/**
 * Engine-neutral value conversion for result cells: bigint → number, Date →
 * ISO string, boolean → "true"/"false" (so it reads well as a segment key),
 * anything else structured → JSON text. Engines that return decimals or
 * BIGINTs as strings convert those with numberFromText before calling this.
 */
export function toRowValue(value: unknown): RowValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? Number(item) : item));
}

/** A driver's row object (column → cell) with each cell through toRowValue. */
export function rowFromRecord(record: Record<string, unknown>): Row {
  return Object.fromEntries(Object.entries(record).map(([column, value]) => [column, toRowValue(value)]));
}

/** A DECIMAL/NUMERIC/BIGINT rendered as text, as a JS number. */
export function numberFromText(text: string | null): number | null {
  return text === null ? null : Number(text);
}

const TIMESTAMP_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})?(:?\d{2})?$/;

/**
 * Engine timestamp text ('2026-01-05 10:00:00', '2026-01-05 10:00:00+00') as
 * ISO 8601 ('2026-01-05T10:00:00', '2026-01-05T10:00:00+00:00'). Dates and
 * anything unrecognised pass through.
 */
export function isoTimestampFromText(text: string | null): string | null {
  if (text === null) return null;
  const match = TIMESTAMP_TEXT.exec(text);
  if (!match) return text;
  const [, date, time, offsetHours, offsetMinutes] = match;
  const offset = offsetHours ? `${offsetHours}:${(offsetMinutes ?? "00").replace(":", "")}` : "";
  return `${date}T${time}${offset}`;
}
