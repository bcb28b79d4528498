import {
  assertIdentifier,
  dialects,
  InvalidIdentifierError,
  mysqlDialect,
  postgresDialect,
  sqliteDialect,
} from "@kpi-as-code/connection";
import { describe, expect, it } from "vitest";

describe("assertIdentifier", () => {
  it.each(["users", "_tmp", "analytics.orders", "warehouse.analytics.orders", "Col_9"])(
    "accepts %s",
    (name) => {
      expect(() => assertIdentifier(name)).not.toThrow();
    },
  );

  it.each([
    'users"; drop table x; --',
    "my table",
    "a;b",
    "`x`",
    "o'brien",
    "a.b.c.d",
    "a..b",
    "9lives",
    "",
    "users--",
  ])("rejects %j", (name) => {
    expect(() => assertIdentifier(name)).toThrow(InvalidIdentifierError);
  });

  it("is enforced by every dialect's quoteIdentifier", () => {
    for (const dialect of Object.values(dialects)) {
      expect(() => dialect.quoteIdentifier('x" or 1=1')).toThrow(InvalidIdentifierError);
    }
  });
});

describe("dialects", () => {
  it("quote each part of a dotted name", () => {
    expect(postgresDialect.quoteIdentifier("analytics.orders")).toBe('"analytics"."orders"');
    expect(mysqlDialect.quoteIdentifier("shop.orders")).toBe("`shop`.`orders`");
  });

  it("quote database.schema.table where the engine has three parts, and refuse it elsewhere", () => {
    expect(postgresDialect.quoteIdentifier("dw.analytics.orders")).toBe('"dw"."analytics"."orders"');
    expect(dialects.duckdb.quoteIdentifier("memory.main.orders")).toBe('"memory"."main"."orders"');
    for (const name of ["mysql", "sqlite", "clickhouse"] as const) {
      expect(() => dialects[name].quoteIdentifier("a.b.c"), name).toThrow(InvalidIdentifierError);
      expect(dialects[name].quoteIdentifier("a.b"), name).toMatch(/^.a.\..b.$/);
    }
  });

  it("use FILTER where the engine has it and CASE WHEN elsewhere", () => {
    expect(postgresDialect.filteredAggregate("count", null, "x > 1")).toBe("count(*) FILTER (WHERE x > 1)");
    expect(mysqlDialect.filteredAggregate("count_distinct", "`u`", "x > 1")).toBe(
      "count(DISTINCT CASE WHEN x > 1 THEN `u` END)",
    );
  });

  it("number placeholders only where the engine allows it", () => {
    expect(postgresDialect.placeholder(2)).toBe("$2");
    expect(sqliteDialect.placeholder(2)).toBe("?");
    expect(postgresDialect.timeWindow('"t"', 1, 2)).toBe(
      '"t" >= CAST($1 AS TIMESTAMP) AND "t" < CAST($2 AS TIMESTAMP)',
    );
  });

  it("refuse grains and aggregates outside their lists, since both are spliced into SQL", () => {
    for (const dialect of Object.values(dialects)) {
      expect(() => dialect.timeBucket("year'); drop table x; --" as "day", '"t"')).toThrow(TypeError);
      expect(() => dialect.aggregate("pg_sleep" as "sum", '"t"')).toThrow(TypeError);
    }
  });
});
