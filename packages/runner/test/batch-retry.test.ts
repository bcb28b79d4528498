// Issue #13 item 4: one misspelt column in one KPI must not fail another KPI that shares its batch,
// and the error must name the KPI and measure with the bad column.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { compileWorkspace, loadWorkspace, resolveTargets, runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureEvents } from "./fixtures/engine-data.js";
import { type EngineName, type LoadedEngine, loadEngine, selectedEngines } from "./fixtures/engines.js";
import { FIXTURE_KPIS, writeFixtureWorkspace } from "./fixtures/kpi-files.js";

const inMonth = { source: "db", from: "events", time: "occurred_at" };

const KPIS: Record<string, Record<string, unknown>> = {
  purchase_rate: FIXTURE_KPIS.purchase_rate as Record<string, unknown>,
  ces: {
    name: "Customer effort",
    unit: "count",
    direction: "decrease",
    formula: "effort",
    // `effort` is not a column of events: the typo of issue #13.
    measures: { effort: { ...inMonth, aggregate: "avg", column: "effort" } },
  },
  spend: {
    name: "Spend",
    unit: "count",
    direction: "increase",
    formula: "total + biggest",
    measures: {
      total: { ...inMonth, aggregate: "sum", column: "amount" },
      biggest: { ...inMonth, aggregate: "max", column: "amount" },
    },
  },
};

const ENGINES = selectedEngines().filter((engine): engine is EngineName =>
  ["postgres", "duckdb"].includes(engine),
);

describe.each(ENGINES)("a failed batch on %s", (engine) => {
  let dir: string;
  let loaded: LoadedEngine;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `kpi-batch-${engine}-`));
    loaded = await loadEngine(engine, dir);
    writeFixtureWorkspace(dir, loaded.source, KPIS);
  });
  afterAll(async () => {
    await loaded?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shares one query between the KPIs (so the retry is what keeps them apart)", async () => {
    const workspace = await loadWorkspace(dir);
    const targets = resolveTargets(workspace, { periodShorthand: "2026-02" });
    const run = compileWorkspace(workspace, { targets, breakdowns: false });
    const kpisPerQuery = run.compiled.map(
      (query) => new Set(query.plan.kind === "aggregate" ? query.plan.slots.map((slot) => slot.kpi) : []),
    );
    expect(
      kpisPerQuery.some((kpis) => kpis.has("ces") && kpis.has("purchase_rate") && kpis.has("spend")),
    ).toBe(true);
  });

  it("fails only the KPI with the bad column, naming it and its measure; the others compute", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-02", breakdowns: false });
    const byId = new Map(run.results.map((result) => [result.kpi, result]));
    const ces = byId.get("ces");
    expect(ces?.status).toBe("error");
    expect(ces?.error).toContain('KPI "ces", measure effort');
    for (const id of ["purchase_rate", "spend"]) {
      expect(byId.get(id)?.status, id).not.toBe("error");
      expect(byId.get(id)?.error, id).toBeUndefined();
    }
    const february = fixtureEvents().filter(
      (event) => event.occurred_at >= "2026-02-01" && event.occurred_at < "2026-03-01",
    );
    const amounts = february
      .map((event) => event.amount)
      .filter((amount): amount is number => amount !== null);
    const expected = amounts.reduce((sum, amount) => sum + amount, 0) + Math.max(...amounts);
    expect(byId.get("spend")?.value).toBeCloseTo(expected, 9);
  });
});
