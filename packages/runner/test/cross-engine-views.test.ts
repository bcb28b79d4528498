// Spec section 4.5 on every engine: a view joining surveys to tickets (the channel lives on the
// ticket), a view over that view, a segment breakdown by a column only the view has, and a view
// that fails in the engine failing only its own KPIs. Pick engines with KPI_ENGINES=...
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { explainKpi, type KpiResult, type RunResult, runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoadedEngine, selectedEngines } from "./fixtures/engines.js";
import { writeFixtureWorkspace } from "./fixtures/kpi-files.js";
import { loadMeasureData } from "./fixtures/measure-data.js";

const VIEWS = {
  rated_tickets: `SELECT t.ticket_id, t.channel, s.csat, s.answered_at
FROM tickets t JOIN surveys s ON s.ticket_id = t.ticket_id`,
  happy_tickets: "SELECT * FROM rated_tickets WHERE csat >= 4",
  broken_view: "SELECT no_such_column FROM tickets",
};

const kpi = (formula: string, measures: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: formula,
  unit: "count",
  direction: "increase",
  formula,
  measures,
  ...extra,
});
const rated = { source: "db", time: "answered_at" };

const KPIS: Record<string, Record<string, unknown>> = {
  csat: kpi(
    "csat",
    { csat: { ...rated, from: "rated_tickets", aggregate: "avg", column: "csat" } },
    { segments: ["channel"] },
  ),
  happy: kpi(
    "happy",
    { happy: { ...rated, from: "happy_tickets", aggregate: "count" } },
    { segments: ["channel"] },
  ),
  // Two measures in one batch: the batch fails, is split, and each half still reads the view.
  broken: kpi("rows + total", {
    rows: { source: "db", from: "broken_view", aggregate: "count" },
    total: { source: "db", from: "broken_view", aggregate: "sum", column: "no_such_column" },
  }),
  tickets: kpi("tickets", {
    tickets: { source: "db", from: "tickets", time: "created_at", aggregate: "count" },
  }),
};

const RESULTS = new Map<string, RunResult>();

function result(run: RunResult, id: string): KpiResult {
  const found = run.results.find((item) => item.kpi === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

function breakdown(run: RunResult, id: string): Record<string, number | null> {
  const rows = result(run, id).breakdowns?.channel ?? [];
  return Object.fromEntries(
    rows.map((row) => [String(row.key), row.value === null ? null : Number(row.value)]),
  );
}

describe.each(selectedEngines())("views on %s", (engine) => {
  let dir: string;
  let loaded: LoadedEngine;
  let february: RunResult;
  let march: RunResult;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `kpi-views-${engine}-`));
    loaded = await loadMeasureData(engine, dir);
    writeFixtureWorkspace(dir, { ...loaded.source, views: VIEWS }, KPIS);
    february = await runWorkspace({ root: dir, periodShorthand: "2026-02" });
    march = await runWorkspace({ root: dir, periodShorthand: "2026-03", breakdowns: false });
    RESULTS.set(engine, february);
  }, 60_000);

  afterAll(async () => {
    await loaded?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("a measure reads a view joining surveys to tickets, broken down by the ticket's channel", () => {
    expect(Number(result(february, "csat").value)).toBeCloseTo(3.5, 9);
    expect(breakdown(february, "csat")).toEqual({ email: 4, chat: 3 });
    expect(Number(result(march, "csat").value)).toBeCloseTo(1, 9);
  });

  it("a view reads another view of the same source", () => {
    expect(result(february, "happy").value).toBe(2);
    expect(breakdown(february, "happy")).toEqual({ email: 1, chat: 1 });
  });

  it("a view that fails in the engine fails its own KPIs only", () => {
    const broken = result(february, "broken");
    expect(broken.status).toBe("error");
    expect(broken.error).toContain("broken_view");
    expect(result(february, "tickets").value).toBe(6);
    expect(result(february, "csat").status).not.toBe("error");
  });

  it("kpi explain shows the view's SQL in front of the batch query", async () => {
    const explained = await explainKpi({ root: dir, kpi: "happy", periodShorthand: "2026-02" });
    const sql = explained.statements.map((statement) => statement.sql ?? "").join("\n");
    expect(sql).toMatch(/^WITH .*rated_tickets.* AS \(/);
    expect(sql.indexOf("rated_tickets")).toBeLessThan(sql.indexOf("happy_tickets"));
    expect(sql).toContain("JOIN surveys s");
  });
});

describe("the engines agree on views", () => {
  it("on every value and breakdown of February", () => {
    const runs = [...RESULTS.values()];
    const rounded = (value: number | null) => (value === null ? null : Number(Number(value).toFixed(9)));
    const values = (run: RunResult) =>
      run.results.map((item) => [
        item.kpi,
        rounded(item.value),
        (item.breakdowns?.channel ?? []).map((row) => [row.key, rounded(row.value)]),
      ]);
    for (const run of runs.slice(1)) expect(values(run)).toEqual(values(runs[0] as RunResult));
  });
});
