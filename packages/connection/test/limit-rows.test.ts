import {
  assertReadOnlyQuery,
  limitRows,
  mysqlDialect,
  postgresDialect,
  sqliteDialect,
} from "@kpi-as-code/connection";
import { describe, expect, it } from "vitest";

describe("limitRows", () => {
  it("wraps a query in a derived table with a limit", () => {
    expect(limitRows("select x from t", postgresDialect.lexical, 2)).toBe(
      "SELECT * FROM (\nselect x from t\n) AS kpi_sql_measure LIMIT 2",
    );
  });

  it("drops trailing semicolons and comments, which cannot sit inside the parentheses", () => {
    const wrapped = limitRows("select 1; -- done\n ; /* end */ ", postgresDialect.lexical, 2);
    expect(wrapped).toBe("SELECT * FROM (\nselect 1\n) AS kpi_sql_measure LIMIT 2");
  });

  it("keeps a comment that ends the last line from swallowing the closing parenthesis", () => {
    const wrapped = limitRows("select 1 -- one", sqliteDialect.lexical, 2);
    expect(() => assertReadOnlyQuery(wrapped, sqliteDialect)).not.toThrow();
    expect(wrapped.endsWith(") AS kpi_sql_measure LIMIT 2")).toBe(true);
  });

  it("keeps the closing marker of a trailing MySQL executable comment", () => {
    const wrapped = limitRows("select /*!50000 1 */", mysqlDialect.lexical, 2);
    expect(wrapped).toContain("/*!50000 1 */");
    expect(() => assertReadOnlyQuery(wrapped, mysqlDialect)).not.toThrow();
  });

  it("wraps a WITH query whole, strings with ';' included", () => {
    const sql = "with a as (select ';' as s) select count(*) from a;";
    expect(limitRows(sql, postgresDialect.lexical, 2)).toContain(
      "with a as (select ';' as s) select count(*) from a\n)",
    );
  });

  it("refuses a row count that is not a positive integer", () => {
    expect(() => limitRows("select 1", postgresDialect.lexical, 0)).toThrow(TypeError);
  });
});
