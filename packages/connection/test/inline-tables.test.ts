import { clickhouseDialect, inlineTables } from "@kpi-as-code/connection";
import { describe, expect, it } from "vitest";

const views: Record<string, string> = { paid: "SELECT id FROM orders WHERE status = 'paid'" };
const inline = (sql: string) => inlineTables(sql, clickhouseDialect, (name) => views[name]);

describe("inlineTables (views on engines without WITH)", () => {
  it("puts a view named after FROM or JOIN in as a derived table under its own name", () => {
    expect(inline("SELECT count() FROM `paid` WHERE id > 1")).toBe(
      "SELECT count() FROM (\nSELECT id FROM orders WHERE status = 'paid'\n) AS `paid` WHERE id > 1",
    );
    expect(inline("SELECT 1 FROM orders o JOIN paid ON o.id = paid.id")).toContain(
      "JOIN (\nSELECT id FROM orders WHERE status = 'paid'\n) AS `paid` ON",
    );
  });

  it("keeps the reference's own alias", () => {
    expect(inline("SELECT p.id FROM paid p")).toBe(
      "SELECT p.id FROM (\nSELECT id FROM orders WHERE status = 'paid'\n) p",
    );
    expect(inline("SELECT x.id FROM paid AS x")).toBe(
      "SELECT x.id FROM (\nSELECT id FROM orders WHERE status = 'paid'\n) AS x",
    );
  });

  it("leaves the name alone in strings, comments, columns and other tables", () => {
    for (const sql of [
      "SELECT 'FROM paid' AS t FROM orders",
      "SELECT paid FROM orders -- FROM paid",
      "SELECT 1 FROM db.paid",
      "SELECT 1 FROM paid_orders",
    ])
      expect(inline(sql), sql).toBe(sql);
  });
});
