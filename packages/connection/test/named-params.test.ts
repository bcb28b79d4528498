import { bindNamedParams, duckdbDialect, mysqlDialect, postgresDialect } from "@kpi-as-code/connection";
import { describe, expect, it } from "vitest";

const period = { start: "2026-01-01", end: "2026-02-01" };

describe("bindNamedParams", () => {
  it("rewrites :start and :end into numbered placeholders", () => {
    const bound = bindNamedParams(
      "select sum(amount) from orders where paid_at >= :start and paid_at < :end",
      postgresDialect,
      period,
    );
    expect(bound.sql).toBe("select sum(amount) from orders where paid_at >= $1 and paid_at < $2");
    expect(bound.params).toEqual(["2026-01-01", "2026-02-01"]);
  });

  it("gives every occurrence its own positional placeholder", () => {
    const bound = bindNamedParams("select :end, :start, :start", mysqlDialect, period);
    expect(bound.sql).toBe("select ?, ?, ?");
    expect(bound.params).toEqual(["2026-02-01", "2026-01-01", "2026-01-01"]);
  });

  it("leaves strings, comments, quoted names, casts and other names alone", () => {
    const sql = "select ':start', \"a:end\", x::date, :start_date, :start::timestamp -- :end\n";
    const bound = bindNamedParams(sql, duckdbDialect, period);
    expect(bound.sql).toBe("select ':start', \"a:end\", x::date, :start_date, $1::timestamp -- :end\n");
    expect(bound.params).toEqual(["2026-01-01"]);
  });
});
