// Spec 4.7 on every engine: period bounds are the calendar zone's local midnights (bound as UTC
// instants), series follow Sunday weeks and fiscal quarters, and raw SQL gets the same bounds.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { localMidnightUtc, runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureEvents } from "./fixtures/engine-data.js";
import { type LoadedEngine, loadEngine, selectedEngines } from "./fixtures/engines.js";
import { projectFile, writeFixtureWorkspace } from "./fixtures/kpi-files.js";

const KPIS = {
  events_count: {
    name: "Events",
    unit: "count",
    direction: "increase",
    formula: "events",
    measures: { events: { source: "db", from: "events", time: "occurred_at", aggregate: "count" } },
  },
  raw_events: {
    name: "Events (raw SQL)",
    unit: "count",
    direction: "increase",
    formula: "events",
    measures: {
      events: {
        source: "db",
        sql: "select count(*) from events where occurred_at >= :start and occurred_at < :end",
      },
    },
  },
};

const calendar = { timezone: "Europe/Berlin", week_start: "sunday", fiscal_year_start: 2 };
const berlin = { timezone: "Europe/Berlin", weekStart: "sunday" as const, fiscalYearStart: 2 };

/** Events between two local midnights in Berlin, counted here from the fixture's UTC timestamps. */
function expectedCount(start: string, end: string): number {
  const [from, to] = [localMidnightUtc(start, berlin), localMidnightUtc(end, berlin)];
  return fixtureEvents().filter((event) => event.occurred_at >= from && event.occurred_at < to).length;
}

describe.each(selectedEngines())("the calendar on %s", (engine) => {
  let dir: string;
  let loaded: LoadedEngine;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `kpi-calendar-${engine}-`));
    loaded = await loadEngine(engine, dir);
    writeFixtureWorkspace(dir, loaded.source, KPIS);
    const project = JSON.parse(projectFile({ db: loaded.source })) as Record<string, unknown>;
    writeFileSync(path.join(dir, "kpi.yaml"), JSON.stringify({ ...project, calendar }));
  });
  afterAll(async () => {
    await loaded?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts a month between Berlin's midnights, structured and raw SQL alike", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-03", breakdowns: false });
    const expected = expectedCount("2026-03-01", "2026-04-01");
    expect(expected).not.toBe(expectedCount("2026-03-02", "2026-04-01"));
    for (const result of run.results) expect(result.value, result.kpi).toBe(expected);
  });

  it("counts a fiscal quarter (fiscal year from February)", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-Q1", breakdowns: false });
    const expected = expectedCount("2026-02-01", "2026-05-01");
    for (const result of run.results) expect(result.value, result.kpi).toBe(expected);
  });

  it("buckets a series in Sunday weeks between Berlin's midnights", async () => {
    const run = await runWorkspace({
      root: dir,
      period: { start: "2026-02-01", end: "2026-03-01" },
      grain: "week",
      breakdowns: false,
    });
    const expected = [
      ["2026-02-01", "2026-02-08"],
      ["2026-02-08", "2026-02-15"],
      ["2026-02-15", "2026-02-22"],
      ["2026-02-22", "2026-03-01"],
    ].map(([start, end]) => ({ start, end, value: expectedCount(start as string, end as string) }));
    for (const result of run.results) {
      const series = (result.series ?? []).map(({ start, end, value }) => ({ start, end, value }));
      expect(series, result.kpi).toEqual(expected);
    }
  });
});
