// Computes KPI values straight from the data with DuckDB, following the
// measure and formula semantics of the spec (sections 1.2 and 4). It shares no
// code with the runner, which is tested against it, and is deliberately naive.
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { type Direction, formulaIdentifiers, type Kpi, type Measure, type Workspace } from "./workspace.js";

export interface Period {
  label: string;
  start: string;
  end: string;
}

export type Status = "on_track" | "at_risk" | "off_track" | "no_data";

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

export async function openWorkspaceDatabase(workspace: Workspace): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  for (const source of Object.values(workspace.project.sources)) {
    for (const [table, path] of Object.entries(source.tables ?? {})) {
      await connection.run(`CREATE VIEW ${table} AS SELECT * FROM ${quote(join(workspace.dir, path))}`);
    }
    // Views may read earlier views; the examples declare them in that order.
    for (const [view, sql] of Object.entries(source.views ?? {})) {
      await connection.run(`CREATE VIEW ${view} AS ${sql}`);
    }
  }
  return connection;
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<number | null> {
  const reader = await connection.runAndReadAll(`SELECT CAST((${sql}) AS DOUBLE)`);
  const value = reader.getRows()[0]?.[0];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

const bind = (sql: string, start: string, end: string) =>
  sql.replaceAll(":start", start).replaceAll(":end", end);

/** What a structured measure aggregates: a column, an expression, or a duration in hours (spec 4.2). */
function aggregatedValue(measure: Measure, start: string, end: string): string {
  if (measure.duration) {
    const { from, to } = measure.duration;
    return `(epoch(${to}) - epoch(${from})) / 3600.0`;
  }
  return measure.expr ? `(${bind(measure.expr, start, end)})` : (measure.column ?? "*");
}

function aggregateSql(measure: Measure, value: string): string {
  switch (measure.aggregate) {
    case "count":
      return "count(*)";
    case "count_distinct":
      return `count(DISTINCT ${value})`;
    case "median":
      return `quantile_cont(${value}, 0.5)`;
    case "percentile":
      return `quantile_cont(${value}, ${measure.percentile})`;
    default:
      return `${measure.aggregate}(${value})`;
  }
}

export function measureSql(measure: Measure, period: Period): string {
  const start = `TIMESTAMP ${quote(period.start)}`;
  const end = `TIMESTAMP ${quote(period.end)}`;
  if (measure.sql) return bind(measure.sql, start, end);
  const conditions = [measure.where ? `(${bind(measure.where, start, end)})` : "true"];
  if (measure.time) {
    // Spec 4.3: a window counts the rows in the N days up to the period's end, or all before it.
    const windowStart =
      measure.window === "all"
        ? null
        : measure.window
          ? `${end} - INTERVAL ${Number.parseInt(measure.window, 10)} DAY`
          : start;
    if (windowStart) conditions.push(`${measure.time} >= ${windowStart}`);
    conditions.push(`${measure.time} < ${end}`);
  }
  if (measure.active) {
    // Spec 4.4: the rows in their state at the period's end (or start).
    const at = measure.active.at === "start" ? start : end;
    conditions.push(
      `${measure.active.from} < ${at}`,
      `(${measure.active.until} IS NULL OR ${measure.active.until} >= ${at})`,
    );
  }
  const value = aggregatedValue(measure, start, end);
  return `SELECT ${aggregateSql(measure, value)} FROM ${measure.from} WHERE ${conditions.join(" AND ")}`;
}

const isMonthStart = (date: string) => date.endsWith("-01");

/** Spec 4.6: the period shifted back `n` times, by months when both bounds start a month, else by days. */
export function shiftBack(period: Period, n: number): Period {
  const shift = (date: string) => {
    const time = new Date(`${date}T00:00:00Z`);
    if (isMonthStart(period.start) && isMonthStart(period.end)) {
      const months =
        (Number(period.end.slice(0, 4)) - Number(period.start.slice(0, 4))) * 12 +
        Number(period.end.slice(5, 7)) -
        Number(period.start.slice(5, 7));
      time.setUTCMonth(time.getUTCMonth() - n * months);
    } else {
      const days = (Date.parse(period.end) - Date.parse(period.start)) / 86_400_000;
      time.setUTCDate(time.getUTCDate() - n * days);
    }
    return time.toISOString().slice(0, 10);
  };
  return { label: `${period.label} - ${n}`, start: shift(period.start), end: shift(period.end) };
}

const PREVIOUS_CALL = /previous\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,\s*(\d+)\s*)?\)/g;

/** A KPI's value for a period; formula identifiers resolve to measures first, then to other KPIs. */
export async function computeKpi(
  connection: DuckDBConnection,
  workspace: Workspace,
  kpiId: string,
  period: Period,
): Promise<number | null> {
  const kpi = workspace.kpis.get(kpiId);
  if (!kpi) throw new Error(`unknown KPI ${kpiId}`);
  const operandOf = async (name: string, at: Period) => {
    const measure = kpi.measures?.[name];
    return measure
      ? scalar(connection, measureSql(measure, at))
      : computeKpi(connection, workspace, name, at);
  };
  // previous(x, n) becomes an operand of its own: x's value for the shifted period (x a bare identifier).
  const operands = new Map<string, number | null>();
  let call = 0;
  const calls: [string, string, number][] = [];
  const formula = kpi.formula.replace(PREVIOUS_CALL, (_, name: string, times?: string) => {
    const placeholder = `previous_value_${call++}`;
    calls.push([placeholder, name, Number(times ?? 1)]);
    return placeholder;
  });
  for (const [placeholder, name, times] of calls) {
    operands.set(placeholder, await operandOf(name, shiftBack(period, times)));
  }
  for (const name of new Set(formulaIdentifiers(formula))) {
    if (!operands.has(name)) operands.set(name, await operandOf(name, period));
  }
  // The formula grammar is a subset of SQL expressions, so DuckDB evaluates
  // it; a null operand or a division by zero gives null, as the spec wants.
  const expression = formula.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (name) => {
    if (!operands.has(name)) return name === "min" ? "least" : name === "max" ? "greatest" : name;
    const value = operands.get(name);
    return value === null || value === undefined ? "NULL" : `CAST(${value} AS DOUBLE)`;
  });
  return scalar(connection, expression);
}

/** Is `value` beyond `limit` on the bad side of `direction`? Equality counts as beyond (spec 5.1). */
const beyond = (value: number, limit: number, direction: Direction) =>
  direction === "increase" ? value <= limit : value >= limit;

const RANK: Status[] = ["on_track", "at_risk", "off_track"];

/**
 * The target path's value on the period's last day (spec 5.1), written apart from the runner's: the
 * points sorted by time, linear in milliseconds between them (whole days, so the same as by days).
 */
export function expectedOf(kpi: Kpi, period: { end: string }): number {
  const { baseline, short_term: shortTerm, mid_term: midTerm } = kpi.target ?? {};
  const points = [
    ...(baseline ? [{ time: Date.parse(baseline.at), value: baseline.value }] : []),
    ...(shortTerm ? [{ time: Date.parse(shortTerm.by), value: shortTerm.value }] : []),
    ...(midTerm ? [{ time: Date.parse(midTerm.by), value: midTerm.value }] : []),
  ].sort((a, b) => a.time - b.time);
  if (points.length === 0) throw new Error(`${kpi.kpi} has no target`);
  const day = Date.parse(period.end) - 86_400_000;
  const after = points.findIndex((point) => point.time >= day);
  const [from, to] = [points[after - 1], points[after]];
  if (!to) return (points[points.length - 1] as { value: number }).value;
  if (!from) return to.value;
  return from.value + ((to.value - from.value) * (day - from.time)) / (to.time - from.time);
}

/** Spec 5.1's threshold status: beyond critical is off_track, beyond warning at_risk. */
export function thresholdStatus(kpi: Kpi, value: number): Status {
  if (!kpi.thresholds) throw new Error(`${kpi.kpi} has no thresholds`);
  if (beyond(value, kpi.thresholds.critical, kpi.direction)) return "off_track";
  if (beyond(value, kpi.thresholds.warning, kpi.direction)) return "at_risk";
  return "on_track";
}

/** Spec 5.1: the worse of the threshold status and the pace status. */
export function statusOf(kpi: Kpi, value: number | null, period: { end: string }): Status {
  if (value === null) return "no_data";
  const expected = expectedOf(kpi, period);
  const baseline = kpi.target?.baseline?.value;
  const pace =
    value === expected || !beyond(value, expected, kpi.direction)
      ? "on_track"
      : baseline !== undefined && value !== baseline && beyond(value, baseline, kpi.direction)
        ? "off_track"
        : "at_risk";
  const threshold = thresholdStatus(kpi, value);
  return RANK[Math.max(RANK.indexOf(threshold), RANK.indexOf(pace))] as Status;
}
