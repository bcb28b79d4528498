// One scan (GROUPING SETS on DuckDB and PostgreSQL; on SQLite, MariaDB and ClickHouse the runner's
// roll-up, or each row repeated once per grouping for distinct counts and percentiles) must fill
// every slot exactly as the plain path of one query per grouping does: the period's value, each
// segment's breakdown (NULL and '' segment values apart from the "all" row) and the series.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { compileWorkspace } from "@kpi-as-code/runner";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clickhouseReachable,
  type EventRow,
  writeClickhouseEvents,
  writeDuckdbEvents,
  writeMariadbEvents,
  writePostgresEvents,
  writeSqliteEvents,
} from "./event-tables.js";
import { expectSameSlots, ONE_SCAN_KPIS, oneScanWorkspace, runBothPaths } from "./paths.js";

const FEBRUARY = { start: "2026-02-01", end: "2026-03-01" };
const KPI_IDS = Object.keys(ONE_SCAN_KPIS);

const two = (n: number) => String(n).padStart(2, "0");
/** An instant from mid-December to mid-March: rows before, in and after February, some on its bounds. */
const instant = fc.oneof(
  fc.integer({ min: 0, max: 90 * 24 - 1 }).map((hours) => {
    const date = new Date(Date.UTC(2025, 11, 15) + hours * 3_600_000);
    return `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ${two(date.getUTCHours())}:00:00`;
  }),
  fc.constantFrom("2026-02-01 00:00:00", "2026-03-01 00:00:00", "2026-01-31 23:00:00"),
);
// Full Unicode grapheme clusters, NULL and the empty string; a few shared values so groups have several rows.
const segmentValue = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.constantFrom("a", "b", "é", "👩‍👩‍👧"),
  fc.string({ unit: "grapheme", maxLength: 4 }),
);
const event: fc.Arbitrary<EventRow> = fc.record({
  user_id: fc.integer({ min: 1, max: 12 }),
  seg_a: segmentValue,
  seg_b: segmentValue,
  amount: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }),
  occurred_at: instant,
});
const scenario = fc.record({
  rows: fc.array(event, { maxLength: 60 }),
  kpis: fc.subarray(KPI_IDS, { minLength: 1 }),
  grain: fc.constantFrom("week" as const, "month" as const, undefined),
});

let dir: string;
let cases = 0;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "kpi-one-scan-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function request(kpis: readonly string[], grain: "week" | "month" | undefined) {
  return { targets: kpis.map((kpi) => ({ kpi, period: FEBRUARY })), ...(grain ? { grain } : {}) };
}

describe("one scan equals one query per grouping", () => {
  it("on DuckDB (GROUPING SETS)", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ rows, kpis, grain }) => {
        const root = path.join(dir, `duckdb-${cases++}`);
        const source = await writeDuckdbEvents(root, rows);
        const paths = await runBothPaths(oneScanWorkspace(source, kpis), root, request(kpis, grain));
        expectSameSlots(paths);
        expect(paths.oneScanQueries).toBeLessThanOrEqual(paths.plainQueries);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("on SQLite (the runner's roll-up, repeated rows)", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ rows, kpis, grain }) => {
        const name = `sqlite-${cases++}.db`;
        const source = writeSqliteEvents(dir, name, rows);
        const paths = await runBothPaths(oneScanWorkspace(source, kpis), dir, request(kpis, grain));
        expectSameSlots(paths);
        expect(paths.oneScanQueries).toBeLessThanOrEqual(paths.plainQueries);
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it("scans once where every measure allows it", async () => {
    // Counts, sums, means, minima and maxima roll up; no window reads rows before the period.
    const kpis = ["rows", "positive", "total", "mean", "low", "high"];
    const rows: EventRow[] = [
      { user_id: 1, seg_a: null, seg_b: "", amount: 5, occurred_at: "2026-02-03 10:00:00" },
      { user_id: 2, seg_a: "", seg_b: null, amount: null, occurred_at: "2026-02-10 10:00:00" },
    ];
    const duckdb = await runBothPaths(
      oneScanWorkspace(await writeDuckdbEvents(path.join(dir, "once"), rows), kpis),
      path.join(dir, "once"),
      request(kpis, "week"),
    );
    const sqlite = await runBothPaths(
      oneScanWorkspace(writeSqliteEvents(dir, "once.db", rows), kpis),
      dir,
      request(kpis, "week"),
    );
    for (const paths of [duckdb, sqlite]) {
      expectSameSlots(paths);
      expect([paths.plainQueries, paths.oneScanQueries]).toEqual([4, 1]);
    }
  });
});

const FIXED_ROWS: EventRow[] = [
  { user_id: 1, seg_a: null, seg_b: "x", amount: 10, occurred_at: "2026-02-01 00:00:00" },
  { user_id: 1, seg_a: "", seg_b: "x", amount: null, occurred_at: "2026-02-02 12:00:00" },
  { user_id: 2, seg_a: "👩‍👩‍👧", seg_b: null, amount: -3, occurred_at: "2026-02-14 08:00:00" },
  { user_id: 3, seg_a: "e\u0301", seg_b: "", amount: 7, occurred_at: "2026-02-28 23:00:00" },
  { user_id: 3, seg_a: "é", seg_b: "", amount: 7, occurred_at: "2026-03-01 00:00:00" },
  { user_id: 4, seg_a: null, seg_b: null, amount: 1, occurred_at: "2026-01-20 00:00:00" },
];

describe("on PostgreSQL (GROUPING SETS), a fixed case", () => {
  const rows = FIXED_ROWS;
  let drop: (() => Promise<void>) | undefined;
  let source: Record<string, unknown>;
  beforeAll(async () => {
    const written = await writePostgresEvents(rows);
    source = written.source;
    drop = written.drop;
  });
  afterAll(async () => drop?.());

  it.each([undefined, "week", "month"] as const)("gives the plain path's slots (grain %s)", async (grain) => {
    const paths = await runBothPaths(oneScanWorkspace(source, KPI_IDS), dir, request(KPI_IDS, grain));
    expectSameSlots(paths);
    expect(paths.oneScanQueries).toBeLessThan(paths.plainQueries);
  });
});

/** The one-scan kinds a request compiles to (which path ran). */
function scanKinds(source: Record<string, unknown>, kpis: readonly string[], table = "events") {
  return compileWorkspace(oneScanWorkspace(source, kpis, table), request(kpis, "week")).compiled.map(
    (query) => (query.plan.kind === "aggregate" ? (query.plan.oneScan?.kind ?? "plain") : "sql"),
  );
}

// Distinct counts beside the rolling measures: every row repeated once per grouping (value, two
// breakdowns, the series), one scan where the plain path has four.
const REPEATING = ["rows", "users", "mean", "high"];

describe("on SQLite, repeated rows (a fixed case)", () => {
  it.each([undefined, "week", "month"] as const)("gives the plain path's slots (grain %s)", async (grain) => {
    const source = writeSqliteEvents(dir, `repeat-${grain ?? "none"}.db`, FIXED_ROWS);
    expect(scanKinds(source, REPEATING)).toEqual(["repeat-rows"]);
    const paths = await runBothPaths(oneScanWorkspace(source, KPI_IDS), dir, request(KPI_IDS, grain));
    expectSameSlots(paths);
    const repeating = await runBothPaths(oneScanWorkspace(source, REPEATING), dir, request(REPEATING, grain));
    expectSameSlots(repeating);
    expect(repeating.oneScanQueries).toBe(1);
  });

  it("with no row in the period: the value is the aggregate over no rows", async () => {
    const source = writeSqliteEvents(dir, "repeat-empty.db", [FIXED_ROWS[5] as EventRow]);
    const paths = await runBothPaths(oneScanWorkspace(source, REPEATING), dir, request(REPEATING, "week"));
    expectSameSlots(paths);
    expect(paths.oneScanQueries).toBe(1);
  });
});

describe("on MariaDB (repeated rows), a fixed case", () => {
  let written: Awaited<ReturnType<typeof writeMariadbEvents>> | undefined;
  beforeAll(async () => {
    written = await writeMariadbEvents(FIXED_ROWS);
  });
  afterAll(async () => written?.drop());

  it.each([undefined, "week", "month"] as const)("gives the plain path's slots (grain %s)", async (grain) => {
    const { source } = written as NonNullable<typeof written>;
    expect(scanKinds(source, REPEATING)).toEqual(["repeat-rows"]);
    for (const kpis of [KPI_IDS, REPEATING]) {
      const paths = await runBothPaths(oneScanWorkspace(source, kpis), dir, request(kpis, grain));
      expectSameSlots(paths);
      // Medians and percentiles are emulated with window functions here: those keep their queries.
      expect(paths.oneScanQueries).toBe(kpis === REPEATING ? 1 : paths.plainQueries);
    }
  });
});

const clickhouseUp = await clickhouseReachable();

describe("on ClickHouse 18.16 (the runner's roll-up), a fixed case", () => {
  const up = clickhouseUp;
  let written: Awaited<ReturnType<typeof writeClickhouseEvents>> | undefined;
  beforeAll(async () => {
    if (up) written = await writeClickhouseEvents(FIXED_ROWS);
  });
  afterAll(async () => written?.drop());

  it.skipIf(!up).each([undefined, "week", "month"] as const)(
    "gives the plain path's slots (grain %s)",
    async (grain) => {
      const { source, table } = written as NonNullable<typeof written>;
      const rolling = ["rows", "positive", "total", "mean", "low", "high"];
      const paths = await runBothPaths(
        oneScanWorkspace(source, rolling, `default.${table}`),
        dir,
        request(rolling, grain),
      );
      expectSameSlots(paths);
      expect(paths.oneScanQueries).toBe(1);
    },
  );

  it.skipIf(!up).each([undefined, "week", "month"] as const)(
    "repeats rows for distinct counts, medians and percentiles: the plain path's slots (grain %s)",
    async (grain) => {
      const { source, table } = written as NonNullable<typeof written>;
      const repeating = [...REPEATING, "middle", "p90"];
      expect(scanKinds(source, repeating, `default.${table}`)).toEqual(["repeat-rows"]);
      for (const kpis of [KPI_IDS, repeating]) {
        const paths = await runBothPaths(
          oneScanWorkspace(source, kpis, `default.${table}`),
          dir,
          request(kpis, grain),
        );
        expectSameSlots(paths);
        expect(paths.oneScanQueries).toBeLessThan(paths.plainQueries);
      }
    },
  );
});
