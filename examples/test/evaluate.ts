// Computes KPI values straight from the data with DuckDB, following the
// measure and formula semantics of the spec (section 1.2). It stands in for
// the runner, which does not exist yet, and is deliberately naive.
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
  }
  return connection;
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<number | null> {
  const reader = await connection.runAndReadAll(`SELECT CAST((${sql}) AS DOUBLE)`);
  const value = reader.getRows()[0]?.[0];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function measureSql(measure: Measure, period: Period): string {
  const start = `TIMESTAMP ${quote(period.start)}`;
  const end = `TIMESTAMP ${quote(period.end)}`;
  if (measure.sql) return measure.sql.replaceAll(":start", start).replaceAll(":end", end);
  const aggregate =
    measure.aggregate === "count"
      ? "count(*)"
      : measure.aggregate === "count_distinct"
        ? `count(DISTINCT ${measure.column})`
        : `${measure.aggregate}(${measure.column})`;
  const conditions = [measure.where ? `(${measure.where})` : "true"];
  if (measure.time) conditions.push(`${measure.time} >= ${start}`, `${measure.time} < ${end}`);
  return `SELECT ${aggregate} FROM ${measure.from} WHERE ${conditions.join(" AND ")}`;
}

/** A KPI's value for a period; formula identifiers resolve to measures first, then to other KPIs. */
export async function computeKpi(
  connection: DuckDBConnection,
  workspace: Workspace,
  kpiId: string,
  period: Period,
): Promise<number | null> {
  const kpi = workspace.kpis.get(kpiId);
  if (!kpi) throw new Error(`unknown KPI ${kpiId}`);
  const operands = new Map<string, number | null>();
  for (const name of new Set(formulaIdentifiers(kpi.formula))) {
    const measure = kpi.measures?.[name];
    operands.set(
      name,
      measure
        ? await scalar(connection, measureSql(measure, period))
        : await computeKpi(connection, workspace, name, period),
    );
  }
  // The formula grammar is a subset of SQL expressions, so DuckDB evaluates
  // it; a null operand or a division by zero gives null, as the spec wants.
  const expression = kpi.formula.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (name) => {
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
