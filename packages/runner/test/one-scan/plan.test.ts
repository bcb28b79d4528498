// Which queries one scan merges, per engine capability (the dialect's `groupingSets`) and per
// measure (core's AGGREGATES `rollUp`); the values themselves: one-scan.property.test.ts.
import { dialects } from "@kpi-as-code/connection";
import { AGGREGATE_NAMES, AGGREGATES } from "@kpi-as-code/core";
import { type CompiledRun, compileWorkspace } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { oneScanWorkspace } from "./paths.js";

const FEBRUARY = { start: "2026-02-01", end: "2026-03-01" };
const SOURCES: Record<string, Record<string, unknown>> = {
  duckdb: { type: "duckdb", tables: { events: "data/events.parquet" } },
  postgres: { type: "postgres", url: "postgres://localhost/unused" },
  sqlite: { type: "sqlite", path: "unused.db" },
  mysql: { type: "mysql", url: "mysql://localhost/unused" },
  clickhouse: { type: "clickhouse", url: "http://localhost:8123" },
};

function compile(type: string, kpis: string[], grain?: "week" | "month"): CompiledRun {
  return compileWorkspace(oneScanWorkspace(SOURCES[type] as Record<string, unknown>, kpis), {
    targets: kpis.map((kpi) => ({ kpi, period: FEBRUARY })),
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

  it("keeps the series apart when a window reads rows before the period", () => {
    const run = compile(type, ["rows", "rows_28d"], "week");
    // The windowed measure's own series reads each bucket's bounds: the bucket-list query ("buckets").
    expect(groupings(run).sort()).toEqual([["bucket"], ["buckets"], ["total", "seg_a", "seg_b"]]);
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

  it("keeps one query per grouping when each also needs a distinct count or a percentile", () => {
    // A roll-up would scan once more than it saves: the counts ride along in each grouped query.
    const run = compile(type, ["rows", "users", "p90"], "month");
    expect(groupings(run).sort()).toEqual([["bucket"], ["seg_a"], ["seg_b"], ["total"]]);
  });

  it("does not merge when it would not save a scan", () => {
    const run = compile(type, ["users", "high"]);
    expect(groupings(run).sort()).toEqual([["seg_a"], ["seg_b"], ["total"]]);
  });
});
