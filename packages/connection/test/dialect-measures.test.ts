import { dialects } from "@kpi-as-code/connection";
import { describe, expect, it } from "vitest";

// What the dialects give the runner for spec section 4; the values these compute are checked on
// the real engines by packages/runner/test/cross-engine-measures.test.ts.

describe.each(Object.values(dialects))("the $name dialect", (dialect) => {
  it("says whether it has percentile_cont, and splices only a fraction strictly between 0 and 1", () => {
    const native = dialect.name === "postgres" || dialect.name === "duckdb";
    // ClickHouse interpolates in its own SQL (arraySort over groupArrayIf), so the runner needs no emulation.
    expect(dialect.nativePercentile).toBe(native || dialect.name === "clickhouse");
    if (!dialect.nativePercentile) {
      expect(() => dialect.percentile(0.5, "x", null)).toThrow(TypeError);
      return;
    }
    if (native)
      expect(dialect.percentile(0.9, '"x"', "(y > 1)")).toBe(
        'percentile_cont(0.9) WITHIN GROUP (ORDER BY "x") FILTER (WHERE (y > 1))',
      );
    else
      expect(dialect.percentile(0.9, "`x`", "(y > 1)")).toContain(
        "groupArrayIf(toFloat64(assumeNotNull(`x`))",
      );
    for (const bad of [0, 1, 1.5, -0.1, Number.NaN, "0.5); DROP TABLE t; --" as unknown as number])
      expect(() => dialect.percentile(bad, "x", null)).toThrow(TypeError);
  });

  it("computes hours from the two timestamps it is given, in that order", () => {
    const sql = dialect.hoursBetween("FROM_COL", "TO_COL");
    expect(sql.indexOf("TO_COL")).toBeGreaterThanOrEqual(0);
    expect(sql).toContain("FROM_COL");
    // The later timestamp comes first in a difference (to - from), or second in TIMESTAMPDIFF(unit, from, to).
    const toFirst = sql.indexOf("TO_COL") < sql.indexOf("FROM_COL");
    expect(toFirst).toBe(dialect.name !== "mysql");
  });

  it("wraps a value as the timestamp its time values compare with", () => {
    expect(dialect.timestamp(":end")).toContain(":end");
    expect(dialect.timestampParam(2)).toBe(dialect.timestamp(dialect.placeholder(2)));
  });
});
