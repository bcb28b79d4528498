import { writeWorkspace } from "../cli/run-cli.js";

/** A monthly count KPI over table `t` of `source`. */
export function kpiFile(id: string, source: string): string {
  return [
    `kpi: ${id}`,
    "version: 1",
    `name: ${id}`,
    "description: d",
    "owner: a",
    "goal: g",
    "indicator: leading",
    "unit: count",
    "direction: increase",
    "cadence: monthly",
    "formula: n",
    "measures:",
    `  n: { source: ${source}, from: t, aggregate: count, time: at }`,
    "",
  ].join("\n");
}

/** A DuckDB source that works and a SQLite source whose database file does not exist. */
export function workspace(kpis: Record<string, string>): string {
  return writeWorkspace({
    "kpi.yaml": [
      "project: p",
      "owners: { a: { name: A } }",
      "goals: { g: { statement: S } }",
      "sources:",
      "  up: { type: duckdb, tables: { t: data/t.csv } }",
      "  down: { type: sqlite, path: missing.sqlite }",
      "",
    ].join("\n"),
    "data/t.csv": "id,at\n1,2026-10-05\n2,2026-10-20\n",
    ...kpis,
  });
}
