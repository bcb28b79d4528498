// Issue #12's "done when": a support desk, a SaaS product and a subscription business, written only
// with structured measures (medians and percentiles, durations, expr, windows, states at an instant,
// views, previous()), compute on DuckDB, SQLite, PostgreSQL and MariaDB the same values as hand-written SQL run
// through each engine's own client, totals and every segment's breakdown, to a relative 1e-9.
// Pick engines with KPI_ENGINES=duckdb,sqlite,postgres,mysql.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type KpiResult, type RunResult, runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectedEngines } from "../fixtures/engines.js";
import { bounds, handSql } from "./hand-sql.js";
import { type LoadedTables, loadTables, type Row } from "./load-tables.js";
import { workspaceTables } from "./rows.js";
import { type CrossEngineKpi, type CrossEngineWorkspace, WORKSPACES } from "./workspaces.js";

const PERIODS = [
  { label: "2026-02", start: "2026-02-01", end: "2026-03-01" },
  { label: "2026-03", start: "2026-03-01", end: "2026-04-01" },
];

function writeWorkspace(dir: string, workspace: CrossEngineWorkspace, source: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  const views = Object.keys(workspace.views).length > 0 ? { views: workspace.views } : {};
  const project = {
    project: `cross-engine-${workspace.name}`,
    owners: { team: { name: "Team" } },
    goals: { grow: { statement: "Grow" } },
    sources: { [workspace.source]: { ...source, ...views } },
  };
  writeFileSync(path.join(dir, "kpi.yaml"), JSON.stringify(project, null, 2));
  for (const [id, kpi] of Object.entries(workspace.kpis)) {
    const file = {
      kpi: id,
      version: 1,
      owner: "team",
      goal: "grow",
      indicator: "lagging",
      cadence: "monthly",
      description: "Cross-engine workspace KPI.",
      ...kpi.fields,
    };
    writeFileSync(path.join(dir, `${id}.kpi.yaml`), JSON.stringify(file, null, 2));
  }
}

const toNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const keyOf = (key: unknown) => (key === null || key === undefined ? "(null)" : String(key));

function expectSame(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  const difference = Math.abs((actual as number) - expected);
  expect(difference, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    1e-9 * Math.max(Math.abs(expected), 1e-3),
  );
}

function resultOf(run: RunResult, id: string): KpiResult {
  const found = run.results.find((item) => item.kpi === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

describe.each(selectedEngines())("structured workspaces on %s match hand-written SQL", (engine) => {
  const root = mkdtempSync(path.join(tmpdir(), `kpi-xe-${engine}-`));
  const loaded = new Map<string, LoadedTables>();
  const runs = new Map<string, RunResult>();

  beforeAll(async () => {
    for (const workspace of WORKSPACES) {
      const dir = path.join(root, workspace.name);
      mkdirSync(dir, { recursive: true });
      const tables = await loadTables(engine, dir, workspaceTables());
      loaded.set(workspace.name, tables);
      writeWorkspace(dir, workspace, tables.source);
      for (const period of PERIODS) {
        runs.set(
          `${workspace.name} ${period.label}`,
          await runWorkspace({ root: dir, periodShorthand: period.label }),
        );
      }
    }
  }, 120_000);

  afterAll(async () => {
    for (const tables of loaded.values()) await tables.drop();
    rmSync(root, { recursive: true, force: true });
  });

  describe.each(WORKSPACES)("the $name workspace", (workspace) => {
    const cases = PERIODS.flatMap((period) => Object.keys(workspace.kpis).map((kpi) => ({ kpi, period })));

    it.each(cases)("$kpi for $period.label, total and every segment", async ({ kpi: id, period }) => {
      const run = runs.get(`${workspace.name} ${period.label}`) as RunResult;
      const tables = loaded.get(workspace.name) as LoadedTables;
      const kpi = workspace.kpis[id] as CrossEngineKpi;
      const sql = handSql(engine);
      const range = bounds(period.start, period.end);
      const query = async (text: string): Promise<Row[]> => {
        try {
          return await tables.query(text);
        } catch (error) {
          throw new Error(`${(error as Error).message}\n${text}`);
        }
      };
      const result = resultOf(run, id);
      expect(result.error, id).toBeUndefined();
      const [total] = await query(kpi.expected(sql, range, null));
      expectSame(result.value, toNumber(total?.value), `${id} ${period.label}`);
      for (const segment of kpi.fields.segments as string[]) {
        const rows = await query(kpi.expected(sql, range, segment));
        const expected = new Map(rows.map((row) => [keyOf(row.k), toNumber(row.value)]));
        const actual = new Map(
          (result.breakdowns?.[segment] ?? []).map((row) => [keyOf(row.key), row.value]),
        );
        expect([...actual.keys()].sort(), `${id} by ${segment}`).toEqual([...expected.keys()].sort());
        for (const [key, value] of expected) {
          expectSame(actual.get(key) ?? null, value, `${id} ${period.label} ${segment}=${key}`);
        }
      }
    });

    it("gives most KPIs a value, so the comparison is not between empty results", () => {
      for (const period of PERIODS) {
        const run = runs.get(`${workspace.name} ${period.label}`) as RunResult;
        const valued = run.results.filter((result) => result.value !== null);
        expect(valued.length, period.label).toBeGreaterThanOrEqual(run.results.length - 1);
      }
    });
  });
});
