import type { EngineName } from "../fixtures/engines.js";

// Building blocks for the hand-written queries that give the expected numbers. They are written
// apart from the runner's dialects (no shared code): every division is in floating point (`1e0 *`,
// so MariaDB does not round to four decimals), durations are whole seconds over 3600, and the
// percentile is computed with window functions on every engine, even where a native one exists.

export interface Bounds {
  start: string;
  end: string;
  /** `end` minus 28 days. */
  window28: string;
  /** The previous month's bounds (spec 4.6's shift of a month), for `previous(x)`. */
  earlier: { start: string; end: string };
}

export interface HandSql {
  engine: EngineName;
  /** Hours from `from` to `to`, NULL when either is. */
  hours(from: string, to: string): string;
  floor(value: string): string;
}

export function handSql(engine: EngineName): HandSql {
  const floor = (value: string) => (engine === "sqlite" ? `CAST(${value} AS INTEGER)` : `FLOOR(${value})`);
  switch (engine) {
    case "duckdb":
      return { engine, floor, hours: (from, to) => `(epoch(${to}) - epoch(${from})) / 3600e0` };
    case "sqlite":
      return {
        engine,
        floor,
        hours: (from, to) => `(strftime('%s', ${to}) - strftime('%s', ${from})) / 3600e0`,
      };
    case "postgres":
      return { engine, floor, hours: (from, to) => `EXTRACT(EPOCH FROM (${to} - ${from})) / 3600e0` };
    case "mysql":
      return { engine, floor, hours: (from, to) => `TIMESTAMPDIFF(SECOND, ${from}, ${to}) / 3600e0` };
  }
}

/** A timestamp literal every engine compares with its time columns. */
export const instant = (date: string) => `'${date} 00:00:00'`;

/** A month's bounds (`start` and `end` the first days of two consecutive months). */
export function bounds(start: string, end: string): Bounds {
  const window28 = new Date(Date.parse(`${end}T00:00:00Z`) - 28 * 86_400_000).toISOString().slice(0, 10);
  const monthBefore = new Date(`${start}T00:00:00Z`);
  monthBefore.setUTCMonth(monthBefore.getUTCMonth() - 1);
  return {
    start: instant(start),
    end: instant(end),
    window28: instant(window28),
    earlier: { start: instant(monthBefore.toISOString().slice(0, 10)), end: instant(start) },
  };
}

/** `lo <= column < hi`. */
export const within = (column: string, lo: string, hi: string) => `${column} >= ${lo} AND ${column} < ${hi}`;

/** Open at instant `at`: started before it and not ended before it (spec 4.4). */
export const openAt = (from: string, until: string, at: string) =>
  `${from} < ${at} AND (${until} IS NULL OR ${until} >= ${at})`;

/** `CASE WHEN condition THEN 1 ELSE 0 END`, summed: a count of the rows meeting it. */
export const countIf = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/**
 * One row per segment value (`key` NULL: one row for all) of `value` over `from` (a table or a
 * parenthesized SELECT). A breakdown keeps the segment values with a row in `anyFilter` (the rows
 * any of the KPI's measures read), as the runner's breakdowns do.
 */
export function grouped(from: string, key: string | null, value: string, anyFilter: string): string {
  const having = key === null ? "" : ` HAVING ${countIf(anyFilter)} > 0`;
  return `SELECT k, ${value} AS value FROM (SELECT x.*, ${key ?? "'all'"} AS k FROM ${from} x) s GROUP BY k${having}`;
}

/**
 * The continuous percentile P of `value` over the rows of `from` meeting `filter`, per segment value:
 * sorted non-null values x[0..n-1], h = (n-1)P, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
 * Segment values whose rows all have a NULL value keep a NULL.
 */
export function percentile(
  sql: HandSql,
  from: string,
  key: string | null,
  value: string,
  filter: string,
  p: number,
): string {
  const k = key ?? "'all'";
  const h = "r.h";
  const lo = sql.floor(h);
  const interpolated = `SUM(CASE WHEN r.i = ${lo} THEN r.v * (1 - (${h} - ${lo})) WHEN r.i = ${lo} + 1 THEN r.v * (${h} - ${lo}) ELSE 0 END)`;
  const ranked = `SELECT v.k, v.v, ROW_NUMBER() OVER (PARTITION BY v.k ORDER BY v.v) - 1 AS i, (COUNT(*) OVER (PARTITION BY v.k) - 1) * ${p} AS h FROM (SELECT ${k} AS k, ${value} AS v FROM ${from} x WHERE ${filter}) v WHERE v.v IS NOT NULL`;
  const values = `SELECT r.k, ${interpolated} AS value FROM (${ranked}) r GROUP BY r.k`;
  const seen = `SELECT DISTINCT ${k} AS k FROM ${from} x WHERE ${filter}`;
  if (key === null) return values;
  return `SELECT seen.k, p.value FROM (${seen}) seen LEFT JOIN (${values}) p ON p.k = seen.k OR (p.k IS NULL AND seen.k IS NULL)`;
}
