import { explainKpi, RunnerError } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { memoryWorkspace } from "./fixtures/memory-workspace.js";

describe("explainKpi", () => {
  it("lists the statements of a KPI and of the KPIs it references, with their parameters", async () => {
    const explanation = await explainKpi({
      root: "unused",
      workspace: memoryWorkspace("mysql"),
      kpi: "buyer_value_index",
      periodShorthand: "2026-02",
    });
    expect(explanation.period).toEqual({ start: "2026-02-01", end: "2026-03-01" });
    const values = explanation.statements.filter((statement) => statement.purpose === "value");
    expect(values).toHaveLength(1);
    expect(values[0]?.measures.sort()).toEqual([
      "purchase_rate.all_events",
      "purchase_rate.purchases",
      "revenue_per_buyer.buyers",
      "revenue_per_buyer.revenue",
    ]);
    expect(values[0]?.params).toEqual(["2026-02-01", "2026-03-01"]);
    expect(values[0]?.sql).toContain("`events`");
  });

  it("uses the default period of the KPI's cadence and refuses an unknown KPI", async () => {
    const workspace = memoryWorkspace("duckdb");
    const explanation = await explainKpi({ root: "unused", workspace, kpi: "signups", today: "2026-03-15" });
    expect(explanation.period).toEqual({ start: "2026-02-01", end: "2026-03-01" });
    expect(explanation.statements.map((statement) => statement.purpose)).toEqual(["sql measure"]);
    // What runs, exactly: the raw SQL is read through a two-row limit.
    expect(explanation.statements[0]?.sql).toMatch(
      /^SELECT \* FROM \(\n[\s\S]*\n\) AS kpi_sql_measure LIMIT 2$/,
    );
    await expect(explainKpi({ root: "unused", workspace, kpi: "nope" })).rejects.toBeInstanceOf(RunnerError);
  });
});
