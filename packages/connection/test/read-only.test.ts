import {
  assertReadOnlyQuery,
  mysqlDialect,
  postgresDialect,
  ReadOnlyViolationError,
  type ReadOnlyViolationReason,
  sqliteDialect,
} from "@kpi-as-code/connection";
import { describe, expect, it } from "vitest";

function violation(sql: string, dialect?: Parameters<typeof assertReadOnlyQuery>[1]): ReadOnlyViolationError {
  try {
    assertReadOnlyQuery(sql, dialect);
  } catch (error) {
    if (error instanceof ReadOnlyViolationError) return error;
    throw error;
  }
  throw new Error(`expected a ReadOnlyViolationError for: ${sql}`);
}

describe("assertReadOnlyQuery", () => {
  it.each([
    "select sum(amount) from orders where paid_at >= :start and paid_at < :end",
    "WITH paid AS (SELECT * FROM orders) SELECT count(*) FROM paid;",
    "select ';' as a, 'it''s; fine' as b",
    'select "odd;name" from t -- trailing; comment',
    "select 1 /* a; b */ ;  \n -- done; really\n",
    "(select 1) union all (select 2)",
    "select o.update, o.delete from orders o",
    "select $$;drop table x$$",
  ])("accepts %s", (sql) => {
    expect(() => assertReadOnlyQuery(sql, postgresDialect)).not.toThrow();
  });

  it.each<[string, ReadOnlyViolationReason]>([
    ["DELETE FROM orders", "not-a-select"],
    ["drop table orders", "not-a-select"],
    ["COPY (select 1) TO '/tmp/out.csv'", "not-a-select"],
    ["ATTACH 'other.db' AS other", "not-a-select"],
    ["PRAGMA writable_schema = 1", "not-a-select"],
    ["INSERT INTO t VALUES (1)", "not-a-select"],
    ["select 1; drop table orders", "multiple-statements"],
    ["select 1; select 2", "multiple-statements"],
    ["select ';'; delete from t", "multiple-statements"],
    ["with gone as (delete from orders returning *) select count(*) from gone", "forbidden-keyword"],
    ["select * into copy_of_orders from orders", "forbidden-keyword"],
    ["select 'open", "unterminated"],
    ["  -- only a comment", "empty"],
  ])("rejects %s", (sql, reason) => {
    expect(violation(sql, postgresDialect).reason).toBe(reason);
  });

  it("reports the forbidden keyword it found", () => {
    expect(violation("with x as (update t set a = 1 returning a) select * from x").keyword).toBe("update");
  });

  it("follows each dialect's string escapes", () => {
    // In MySQL '\'' is one quote inside a string, so the ';' below is still inside it…
    expect(() => assertReadOnlyQuery("select 'a\\'; drop table t; -- '", mysqlDialect)).not.toThrow();
    // …while in PostgreSQL the string ends after the backslash and a second statement follows.
    expect(violation("select 'a\\'; drop table t; -- '", postgresDialect).reason).toBe("multiple-statements");
    // Without a dialect both readings must pass.
    expect(violation("select 'a\\'; drop table t; -- '").reason).toBe("multiple-statements");
  });

  it("treats MySQL '#' as a comment but not '--' without a space", () => {
    expect(() => assertReadOnlyQuery("select 1 # ; drop table t", mysqlDialect)).not.toThrow();
    expect(violation("select 1--1; drop table t", mysqlDialect).reason).toBe("multiple-statements");
  });

  it("skips SQLite [bracketed] names", () => {
    expect(() => assertReadOnlyQuery("select [odd;name] from t", sqliteDialect)).not.toThrow();
  });

  describe("MySQL and MariaDB executable comments are code", () => {
    it.each<[string, ReadOnlyViolationReason]>([
      ["select 1 /*!50000 into outfile '/tmp/x' */", "forbidden-keyword"],
      ["select 1 /*! into dumpfile '/tmp/x' */", "forbidden-keyword"],
      ["select 1 /*M!100000 into outfile '/tmp/x' */", "forbidden-keyword"],
      ["/*!SET STATEMENT max_statement_time=0 FOR */ select sleep(3600)", "not-a-select"],
      ["/*M!100301 SET STATEMENT max_statement_time=0 FOR */ select 1", "not-a-select"],
      ["select 1 /*!; drop table t */", "multiple-statements"],
      ["select 1 /*! -- */ into outfile 'x'", "unterminated"],
      ["select 1 /*!50000 /* plain */ into outfile 'x' */", "forbidden-keyword"],
      ["select 1 /*! ", "unterminated"],
    ])("rejects %s under the mysql rules and without a dialect", (sql, reason) => {
      expect(violation(sql, mysqlDialect).reason).toBe(reason);
      // Without a dialect every reading must refuse it (which one speaks first may differ).
      expect(violation(sql)).toBeInstanceOf(ReadOnlyViolationError);
    });

    it("accepts executable comments that only read, and keeps plain comments as comments", () => {
      expect(() => assertReadOnlyQuery("select /*!50000 sql_no_cache */ 1", mysqlDialect)).not.toThrow();
      expect(() => assertReadOnlyQuery("select 1 /* into outfile 'x' */", mysqlDialect)).not.toThrow();
      expect(() => assertReadOnlyQuery("select '/*!' as a, '*/' as b", mysqlDialect)).not.toThrow();
    });

    it("stays a plain comment for PostgreSQL, which does not execute it", () => {
      expect(() => assertReadOnlyQuery("select 1 /*! into outfile 'x' */", postgresDialect)).not.toThrow();
    });
  });

  it("scans long hostile texts in one pass (the test runner's timeout is the bound)", () => {
    expect(violation(`select ${"$a$".repeat(100_001)}`, postgresDialect).reason).toBe("unterminated");
    expect(() => assertReadOnlyQuery(`select ${"$a$".repeat(100_000)}`, postgresDialect)).not.toThrow();
    expect(violation(`select ${"/*!".repeat(100_000)}`, mysqlDialect).reason).toBe("unterminated");
  });
});
