import { type CompiledRun, compileWorkspace, type RunTarget } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { memoryWorkspace } from "./fixtures/memory-workspace.js";

const FEBRUARY = { start: "2026-02-01", end: "2026-03-01" };
const targets = (...kpis: string[]): RunTarget[] => kpis.map((kpi) => ({ kpi, period: FEBRUARY }));

function statements(run: CompiledRun): { sql: string; params: unknown[] }[] {
  return run.compiled.map((query) => {
    if ("error" in query.statement) throw new Error(query.statement.error);
    return query.statement;
  });
}

describe.each(["duckdb", "sqlite", "postgres", "mysql"])("compiling for %s", (type) => {
  const workspace = memoryWorkspace(type);

  it("batches the measures of several KPIs over one table into one statement", () => {
    const run = compileWorkspace(workspace, {
      targets: targets("purchase_rate", "revenue_per_buyer", "active_users", "average_purchase"),
      breakdowns: false,
    });
    const [only, ...rest] = statements(run);
    expect(rest).toEqual([]);
    // purchases, all_events, revenue, buyers, active, average_amount: six aggregates in one SELECT.
    expect(only?.sql.match(/ AS m\d+/g)).toHaveLength(6);
    expect(only?.params).toEqual([FEBRUARY.start, FEBRUARY.end]);
    expect(only?.sql).not.toContain("2026-02-01");
  });

  it("filters with FILTER where the engine has it and CASE WHEN on MySQL", () => {
    const [only] = statements(
      compileWorkspace(workspace, { targets: targets("purchase_rate"), breakdowns: false }),
    );
    if (type === "mysql") {
      expect(only?.sql).toContain("CASE WHEN (kind = 'purchase') THEN 1 END");
      expect(only?.sql).not.toContain("FILTER");
    } else {
      expect(only?.sql).toContain("FILTER (WHERE (kind = 'purchase'))");
    }
  });

  it("computes the value, the breakdown and the series in one scan (one-scan tests: test/one-scan)", () => {
    const run = compileWorkspace(workspace, {
      targets: [{ kpi: "purchase_rate", period: { start: "2026-01-01", end: "2027-01-01" } }],
      grain: "month",
    });
    const [only, ...rest] = run.compiled;
    expect(rest).toEqual([]);
    const sets = only?.plan.kind === "aggregate" ? only.plan.oneScan?.sets.map((set) => set.kind) : [];
    expect(sets?.sort()).toEqual(["bucket", "segment", "total"]);
  });

  it("without one scan, makes a series one grouped statement and a breakdown one statement per segment", () => {
    const run = compileWorkspace(workspace, {
      targets: [{ kpi: "purchase_rate", period: { start: "2026-01-01", end: "2027-01-01" } }],
      grain: "month",
      oneScan: false,
    });
    const kinds = run.compiled.map((query) =>
      query.plan.kind === "aggregate" ? (query.plan.groupBy?.kind ?? "total") : "sql",
    );
    expect(kinds.sort()).toEqual(["bucket", "segment", "total"]);
    for (const statement of statements(run)) expect(statement.params).toEqual(["2026-01-01", "2027-01-01"]);
  });

  it("runs raw SQL alone with :start and :end bound", () => {
    const run = compileWorkspace(workspace, { targets: targets("signups") });
    const [only] = statements(run);
    expect(only?.sql).not.toContain(":start");
    expect(only?.params).toEqual([FEBRUARY.start, FEBRUARY.end]);
  });
});

describe("bad identifiers and where texts", () => {
  const hostile = {
    quoted_table: { from: 'events" WHERE 1=1 --', aggregate: "count" },
    semicolon_column: { from: "events", aggregate: "sum", column: "amount; DROP TABLE events" },
    quoted_time: { from: "events", aggregate: "count", time: "occurred_at`" },
    closing_where: { from: "events", aggregate: "count", where: "1=1); DELETE FROM events; --" },
  };
  const extra = Object.fromEntries(
    Object.entries(hostile).map(([id, measure]) => [
      id,
      {
        name: id,
        unit: "count",
        direction: "increase",
        formula: "m",
        measures: { m: { source: "db", ...measure } },
      },
    ]),
  );
  const workspace = memoryWorkspace("postgres", {
    ...extra,
    quoted_segment: {
      ...extra.quoted_table,
      measures: { m: { source: "db", from: "events", aggregate: "count" } },
      segments: ["channel'"],
    },
  });

  it("are refused for their KPI and never reach the SQL of the others", () => {
    const ids = [...Object.keys(hostile), "quoted_segment"];
    const run = compileWorkspace(workspace, { targets: targets(...ids, "purchase_rate") });
    for (const id of ids) expect(run.definitions.get(id)?.problem, id).toBeTruthy();
    const sql = statements(run)
      .map((statement) => statement.sql)
      .join("\n");
    expect(sql).not.toMatch(/DROP|DELETE|1=1|channel'/);
    expect(
      run.compiled
        .flatMap((query) => (query.plan.kind === "aggregate" ? query.plan.slots : []))
        .map((slot) => slot.kpi),
    ).toEqual(expect.arrayContaining(["purchase_rate"]));
  });
});
