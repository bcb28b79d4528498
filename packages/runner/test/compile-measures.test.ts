import { type CompiledRun, compileWorkspace, explainKpi } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { memoryWorkspace } from "./fixtures/memory-workspace.js";

// How the measures of spec section 4 batch and bind, without a database (the values are proven on
// every engine by cross-engine-measures.test.ts).

const FEBRUARY = { start: "2026-02-01", end: "2026-03-01" };
const events = { source: "db", from: "events", time: "occurred_at" };
const kpi = (measures: Record<string, unknown>) => ({
  name: "Fixture",
  unit: "count",
  direction: "increase",
  formula: Object.keys(measures).join(" + "),
  measures,
});

const EXTRA = {
  windows: kpi({
    in_period: { ...events, aggregate: "count" },
    last_28: { ...events, aggregate: "count_distinct", column: "user_id", window: "28d" },
    last_7: { ...events, aggregate: "count", window: "7d", where: "kind = 'purchase'" },
  }),
  ever: kpi({ ever: { ...events, aggregate: "count", window: "all" } }),
  states: kpi({
    open_at_end: {
      source: "db",
      from: "events",
      aggregate: "count",
      active: { from: "occurred_at", until: "closed_at" },
    },
    open_at_start: {
      source: "db",
      from: "events",
      aggregate: "count",
      active: { from: "occurred_at", until: "closed_at", at: "start" },
    },
    total: { source: "db", from: "events", aggregate: "sum", column: "amount" },
  }),
  bound_where: kpi({
    late: { ...events, aggregate: "count", where: "paid_at >= :end AND paid_at < :start" },
    p90: { ...events, aggregate: "percentile", percentile: 0.9, expr: "amount * 2" },
  }),
  unknown_param: kpi({ m: { ...events, aggregate: "count", where: "occurred_at < :later" } }),
  hostile_expr: kpi({ m: { ...events, aggregate: "sum", expr: "amount); DELETE FROM events; --" } }),
};

function only(run: CompiledRun, kpiId: string): { sql: string; params: unknown[] }[] {
  return run.compiled
    .filter((query) => query.plan.kind === "aggregate" && query.plan.slots.some((slot) => slot.kpi === kpiId))
    .map((query) => {
      if ("error" in query.statement) throw new Error(query.statement.error);
      return query.statement;
    });
}

describe.each(["duckdb", "sqlite", "postgres", "mysql"])("section 4 measures compiled for %s", (type) => {
  const workspace = memoryWorkspace(type, EXTRA);
  const compile = (...kpis: string[]) =>
    compileWorkspace(workspace, {
      targets: kpis.map((id) => ({ kpi: id, period: FEBRUARY })),
      breakdowns: false,
    });

  it("batches a period's count and two windows into one scan from the earliest window start", () => {
    const statements = only(compile("windows", "ever"), "windows");
    expect(statements).toHaveLength(1);
    // Each window's start is a parameter: 28 days before March 1 is February 1, 7 days is February 22.
    expect(statements[0]?.params).toContain("2026-02-22");
    expect(statements[0]?.params).toContain(FEBRUARY.end);
    expect(statements[0]?.sql).not.toMatch(/2026-0/);
  });

  it("adds `window: all` to the same scan, which then has no lower bound but each other measure's own", () => {
    const run = compile("windows", "ever");
    const [statement, ...rest] = only(run, "ever");
    expect(rest).toEqual([]);
    expect(only(run, "windows")).toEqual([statement]);
    const where = statement?.sql.slice(statement.sql.lastIndexOf("WHERE")) ?? "";
    expect(where).not.toContain(">=");
    expect(statement?.params).toContain(FEBRUARY.start);
  });

  it("batches states at the end and at the start with a snapshot of the same table", () => {
    const statements = only(compile("states"), "states");
    expect(statements).toHaveLength(1);
    expect(statements[0]?.sql).toMatch(/IS NULL OR/);
    expect(new Set(statements[0]?.params)).toEqual(new Set([FEBRUARY.start, FEBRUARY.end]));
  });

  it("binds :start and :end of a where in the order the placeholders stand", () => {
    const [statement] = only(compile("bound_where"), "bound_where");
    expect(statement?.sql).not.toMatch(/:end|:start/);
    const late = type === "mysql" ? "CASE WHEN (paid_at >= ? AND paid_at < ?)" : "paid_at >= ";
    expect(statement?.sql).toContain(late);
    if (type === "mysql" || type === "sqlite") {
      // Positional: the parameters follow the text, the where's :end before its :start.
      const where = statement?.sql.indexOf("paid_at >=") ?? -1;
      const before = statement?.sql.slice(0, where).split("?").length ?? 0;
      expect(statement?.params.slice(before - 1, before + 1)).toEqual([FEBRUARY.end, FEBRUARY.start]);
    }
  });

  it("computes a percentile natively or with window functions in the same single statement", () => {
    const statements = only(compile("bound_where"), "bound_where");
    expect(statements).toHaveLength(1);
    if (type === "sqlite" || type === "mysql") {
      expect(statements[0]?.sql).toContain("row_number() OVER");
      expect(statements[0]?.sql).not.toContain("percentile_cont");
    } else {
      expect(statements[0]?.sql).toContain("percentile_cont(0.9) WITHIN GROUP (ORDER BY (amount * 2))");
    }
  });

  it("refuses an expr that would end the statement, for its KPI only", () => {
    const run = compile("hostile_expr", "windows");
    expect(run.definitions.get("hostile_expr")?.problem).toBeTruthy();
    const sql = run.compiled.map((query) => ("sql" in query.statement ? query.statement.sql : "")).join("\n");
    expect(sql).not.toContain("DELETE");
    expect(only(run, "windows")).toHaveLength(1);
  });

  it("refuses a named parameter other than :start and :end for its KPI only", () => {
    const run = compile("unknown_param", "windows");
    expect(run.definitions.get("unknown_param")?.problem).toMatch(/:later/);
    expect(run.definitions.get("windows")?.problem).toBeUndefined();
  });

  it("computes a series of windows in one statement joined to its buckets, beside the grouped one", async () => {
    const explained = await explainKpi({
      root: "/nonexistent",
      workspace,
      kpi: "windows",
      period: FEBRUARY,
      grain: "week",
    });
    const statements = explained.statements.filter((statement) =>
      statement.purpose.includes("series by week"),
    );
    // One grouped by each row's week (in_period; one scan with the value), one joined to the list of
    // weeks (the windows).
    expect(statements).toHaveLength(2);
    const joined = statements.find((statement) => statement.sql?.includes("kpi_bucket"));
    expect(joined?.sql).toContain("UNION ALL");
    expect(joined?.sql).not.toMatch(/:b\d|:start|:end/);
    // February 2026 starts on a Sunday: five weekly buckets, the first one day long. The last one ends
    // on March 1, and its 7-day window starts on February 22.
    expect(joined?.sql?.match(/AS kpi_key/g)).toHaveLength(5);
    expect(joined?.params).toContain(FEBRUARY.end);
    expect(joined?.params).toContain("2026-02-22");
  });
});
