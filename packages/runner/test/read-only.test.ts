// Raw SQL measures that try to write, escape or chain statements fail their own
// KPI, on every selected engine, and the data is the same afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureEvents } from "./fixtures/engine-data.js";
import { type LoadedEngine, loadEngine, selectedEngines } from "./fixtures/engines.js";
import { FIXTURE_KPIS, writeFixtureWorkspace } from "./fixtures/kpi-files.js";

const ATTACKS: Record<string, string> = {
  delete_rows: "delete from events",
  drop_table: "drop table events",
  copy_out: "copy events to '/tmp/kpi-runner-stolen.csv'",
  attach_file: "attach database '/tmp/kpi-runner-evil.db' as evil",
  second_statement: "select count(*) from events; delete from events",
  cte_delete: "with gone as (delete from events returning 1) select count(*) from gone",
  update_in_select: "select count(*) from events where 0 = (update events set amount = 0)",
};

const attackKpis = Object.fromEntries(
  Object.entries(ATTACKS).map(([id, sql]) => [
    id,
    { name: id, unit: "count", direction: "increase", formula: "m", measures: { m: { source: "db", sql } } },
  ]),
);

const EVENTS_COUNT = {
  name: "All events",
  unit: "count",
  direction: "increase",
  formula: "n",
  measures: { n: { source: "db", from: "events", aggregate: "count" } },
};

describe.each(selectedEngines())("raw SQL on %s", (engine) => {
  let dir: string;
  let loaded: LoadedEngine;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `kpi-readonly-${engine}-`));
    loaded = await loadEngine(engine, dir);
    writeFixtureWorkspace(dir, loaded.source, {
      ...attackKpis,
      events_count: EVENTS_COUNT,
      signups: FIXTURE_KPIS.signups as Record<string, unknown>,
    });
  });
  afterAll(async () => {
    await loaded?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("fails every writing or chained statement and leaves the data intact", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-02" });
    for (const id of Object.keys(ATTACKS)) {
      const result = run.results.find((item) => item.kpi === id);
      expect([id, result?.status, result?.value]).toEqual([id, "error", null]);
      expect(result?.error).toContain(id);
    }
    expect(run.results.find((item) => item.kpi === "signups")?.status).not.toBe("error");
    const after = await runWorkspace({ root: dir, periodShorthand: "2026-02", kpis: ["events_count"] });
    expect(after.results[0]?.value).toBe(fixtureEvents().length);
  });
});
