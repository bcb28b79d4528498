// Views compile as common table expressions in dependency order; a view that is not one read-only
// SELECT, or a cycle of views, is refused at compile time with the view's name.
import { dialects } from "@kpi-as-code/connection";
import { type AggregateQueryPlan, compileQuery } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";

const plan = (table: string): AggregateQueryPlan => ({
  kind: "aggregate",
  source: "db",
  table,
  time: undefined,
  period: { start: "2026-02-01", end: "2026-03-01" },
  groupBy: undefined,
  expressions: [{ alias: "m0", aggregate: "count" } as AggregateQueryPlan["expressions"][number]],
  slots: [],
});

describe("views in compiled queries", () => {
  it("puts the views a query reads first, each after the views it names", () => {
    const views = {
      happy: "SELECT * FROM rated WHERE csat >= 4;",
      rated: "SELECT t.channel, s.csat FROM tickets t JOIN surveys s ON s.ticket_id = t.id",
      unused: "SELECT 1",
    };
    const { sql } = compileQuery(plan("happy"), dialects.postgres, views);
    expect(sql.startsWith('WITH "rated" AS (')).toBe(true);
    expect(sql.indexOf('"rated" AS')).toBeLessThan(sql.indexOf('"happy" AS'));
    expect(sql).not.toContain("unused");
    expect(sql).not.toContain(";");
  });

  it("leaves a query over a table alone", () => {
    const { sql } = compileQuery(plan("tickets"), dialects.mysql, { rated: "SELECT 1" });
    expect(sql.startsWith("SELECT")).toBe(true);
  });

  it("refuses a view that writes, naming it", () => {
    expect(() => compileQuery(plan("bad"), dialects.sqlite, { bad: "DELETE FROM tickets" })).toThrow(/"bad"/);
  });

  it("refuses a cycle of views instead of looping", () => {
    const views = { a: "SELECT * FROM b", b: "SELECT * FROM a" };
    expect(() => compileQuery(plan("a"), dialects.duckdb, views)).toThrow(/a -> b -> a/);
  });
});
