// Which queries one scan merges, per engine capability (the dialect's `groupingSets`, `repeatRows`)
// and per measure (core's AGGREGATES `rollUp`); the values themselves: one-scan.property.test.ts.
import { dialects } from "@kpi-as-code/connection";
import { AGGREGATE_NAMES, AGGREGATES, analyzeFile, buildWorkspace, type Workspace } from "@kpi-as-code/core";
import { type CompiledRun, compileWorkspace } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { kpiFile, projectFile } from "../fixtures/kpi-files.js";
import { oneScanWorkspace, SEGMENTS } from "./paths.js";

const FEBRUARY = { start: "2026-02-01", end: "2026-03-01" };
const SOURCES: Record<string, Record<string, unknown>> = {
  duckdb: { type: "duckdb", tables: { events: "data/events.parquet" } },
  postgres: { type: "postgres", url: "postgres://localhost/unused" },
  sqlite: { type: "sqlite", path: "unused.db" },
  mysql: { type: "mysql", url: "mysql://localhost/unused" },
  clickhouse: { type: "clickhouse", url: "http://localhost:8123" },
};

/** `rows` (with segments) and `everything`: every row up to the period's end, no segments. */
function oneScanWorkspaceWithout(source: Record<string, unknown>): Workspace {
  const measure = { source: "db", from: "events", time: "occurred_at", aggregate: "count" };
  const kpi = (id: string, extra: Record<string, unknown>) =>
    kpiFile(id, { name: id, unit: "count", direction: "increase", formula: "m", ...extra });
  const files = [
    { file: "kpi.yaml", text: projectFile({ db: source }) },
    { file: "rows.kpi.yaml", text: kpi("rows", { segments: SEGMENTS, measures: { m: measure } }) },
    {
      file: "everything.kpi.yaml",
      text: kpi("everything", { measures: { m: { ...measure, window: "all" } } }),
    },
  ];
  return buildWorkspace(files.map((file) => analyzeFile(file)));
}

function compile(type: string, kpis: string[], grain?: "week" | "month", period = FEBRUARY): CompiledRun {
  return compileWorkspace(oneScanWorkspace(SOURCES[type] as Record<string, unknown>, kpis), {
    targets: kpis.map((kpi) => ({ kpi, period })),
    ...(grain ? { grain } : {}),
  });
}

/** Each query as its groupings: "total", "seg_a", "bucket", ... (one-scan queries list several). */
function groupings(run: CompiledRun): string[][] {
  return run.compiled.map((query) => {
    if (query.plan.kind !== "aggregate") return ["sql"];
    const sets = query.plan.oneScan?.sets ?? [
      query.plan.groupBy
        ? {
            kind: query.plan.groupBy.kind,
            column: "column" in query.plan.groupBy ? query.plan.groupBy.column : "",
          }
        : { kind: "total" },
    ];
    return sets.map((set) => ("column" in set && set.column ? set.column : set.kind));
  });
}

function sql(run: CompiledRun): string[] {
  return run.compiled.map((query) =>
    "error" in query.statement ? query.statement.error : query.statement.sql,
  );
}

describe("the registry decides what rolls up", () => {
  it("every aggregate without a continuous fraction but count_distinct rolls up", () => {
    const rolling = AGGREGATE_NAMES.filter((name) => "rollUp" in AGGREGATES[name]);
    expect(rolling.sort()).toEqual(["avg", "count", "max", "min", "sum"]);
  });

  it("the dialects say which engines have GROUPING SETS", () => {
    const having = Object.values(dialects).filter((dialect) => dialect.groupingSets);
    expect(having.map((dialect) => dialect.name).sort()).toEqual(["duckdb", "postgres"]);
  });
});

describe.each(["duckdb", "postgres"])("with GROUPING SETS (%s)", (type) => {
  it("scans once for the value, both breakdowns and the series, whatever the aggregate", () => {
    const run = compile(type, ["rows", "users", "p90", "mean"], "month");
    expect(groupings(run)).toEqual([["total", "seg_a", "seg_b", "bucket"]]);
    const [statement] = sql(run);
    expect(statement).toContain(
      'GROUP BY GROUPING SETS ((), ("seg_a"), ("seg_b"), (CAST(date_trunc(\'month\'',
    );
    expect(statement).toContain('GROUPING("seg_a") AS g1');
  });

  it("merges only the queries that read the same rows", () => {
    // Over one week a 28-day window reads from three weeks before it: the value and breakdowns of that
    // scan read rows the series must not see (they would add earlier buckets); the windowed measure's
    // own series reads each bucket's bounds (the bucket-list query, "buckets").
    const week = compile(type, ["rows", "rows_28d"], "week", { start: "2026-02-02", end: "2026-02-09" });
    expect(groupings(week).sort()).toEqual([["bucket"], ["buckets"], ["total", "seg_a", "seg_b"]]);
    // In February (28 days) the same window starts with the period: one scan for value, breakdowns, series.
    const february = compile(type, ["rows", "rows_28d"], "week");
    expect(groupings(february).sort()).toEqual([["buckets"], ["total", "seg_a", "seg_b", "bucket"]]);
    // A KPI without segments whose measure reads everything (window: all) puts the value's query on
    // every row: the breakdowns keep a scan of their own (one for both segments), or they would list
    // segment values that have no row in the period.
    const all = compileWorkspace(oneScanWorkspaceWithout(SOURCES[type] as Record<string, unknown>), {
      targets: ["rows", "everything"].map((kpi) => ({ kpi, period: FEBRUARY })),
    });
    expect(groupings(all).sort()).toEqual([["seg_a", "seg_b"], ["total"]]);
  });
});

describe.each(["sqlite", "mysql", "clickhouse"])("without GROUPING SETS (%s)", (type) => {
  it("rolls counts, sums, means, minima and maxima up from one grouping by every key", () => {
    const run = compile(type, ["rows", "total", "mean", "low", "high"], "month");
    expect(groupings(run)).toEqual([["total", "seg_a", "seg_b", "bucket"]]);
    const [statement] = sql(run);
    expect(statement).not.toContain("GROUPING SETS");
    expect(statement).toMatch(/AS m\d+_s,[\s\S]*AS m\d+_n/);
    expect(statement).toMatch(/GROUP BY .*seg_a.*, .*seg_b.*, /);
  });

  it("repeats each row once per grouping for distinct counts (and the engine's own percentiles)", () => {
    const run = compile(type, ["rows", "users", "mean"], "month");
    expect(groupings(run)).toEqual([["total", "seg_a", "seg_b", "bucket"]]);
    expect(run.compiled[0]?.plan.kind === "aggregate" && run.compiled[0].plan.oneScan?.kind).toBe(
      "repeat-rows",
    );
    const [statement] = sql(run);
    expect(statement).toContain(
      type === "clickhouse"
        ? "ARRAY JOIN [0, 1, 2, 3] AS kpi_grouping_id"
        : "CROSS JOIN (SELECT 0 AS kpi_grouping_id UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)",
    );
    // The join comes before the period's WHERE; the grouping id, never a NULL key, tells groupings apart.
    expect(statement?.indexOf("kpi_grouping_id_list") ?? -1).toBeLessThan(statement?.indexOf("WHERE") ?? -1);
    if (type === "clickhouse") {
      // 18.16 groups by Nullable keys slowly: one String key picked by the id, and a NULL flag.
      expect(statement).toMatch(/GROUP BY kpi_grouping_id, kpi_key, kpi_key_null$/);
      expect(statement).toContain(
        "multiIf(kpi_grouping_id = 1, ifNull(toString(`seg_a`), ''), kpi_grouping_id = 2, ifNull(toString(`seg_b`), ''), kpi_grouping_id = 3, ",
      );
      expect(statement).toContain(
        "multiIf(kpi_grouping_id = 1, isNull(`seg_a`), kpi_grouping_id = 2, isNull(`seg_b`), kpi_grouping_id = 3, ",
      );
      expect(statement).not.toContain("CASE WHEN kpi_grouping_id");
    } else {
      expect(statement).toMatch(
        /GROUP BY kpi_grouping_id, CASE WHEN kpi_grouping_id = 1 THEN .seg_a. END, CASE WHEN kpi_grouping_id = 2 THEN .seg_b. END, CASE WHEN kpi_grouping_id = 3 THEN /,
      );
    }
  });

  it("a percentile: the engine's own joins the scan, the window-function emulation keeps its queries", () => {
    const run = compile(type, ["rows", "users", "p90"], "month");
    if (dialects[type as keyof typeof dialects].nativePercentile) {
      expect(groupings(run)).toEqual([["total", "seg_a", "seg_b", "bucket"]]);
    } else {
      // Repeating the counts would add a scan to the percentile's four: one query per grouping stays.
      expect(groupings(run).sort()).toEqual([["bucket"], ["seg_a"], ["seg_b"], ["total"]]);
      // With only rolling measures beside it, the roll-up still saves nothing either.
      const alone = compile(type, ["p90"], "month");
      expect(groupings(alone).sort()).toEqual([["bucket"], ["seg_a"], ["seg_b"], ["total"]]);
    }
  });

  it("prefers the roll-up when every measure rolls up (no rows repeated)", () => {
    const run = compile(type, ["rows", "high"]);
    expect(run.compiled.map((query) => query.plan.kind === "aggregate" && query.plan.oneScan?.kind)).toEqual([
      "roll-up",
    ]);
  });
});
