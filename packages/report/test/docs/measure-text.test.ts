import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadWorkspace } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { renderDocs } from "../../src/index.js";

// kpi docs says what each structured measure aggregates and which rows it takes (spec 4.1-4.5).
const KPI_YAML = [
  "project: p",
  "owners: { a: { name: A } }",
  "goals: { g: { statement: S } }",
  "sources:",
  "  desk:",
  "    type: duckdb",
  "    tables: { tickets: data/tickets.csv }",
  "    views:",
  "      rated: SELECT * FROM tickets WHERE score IS NOT NULL",
  "",
].join("\n");

const MEASURES = {
  p95: "{ source: desk, from: tickets, aggregate: percentile, percentile: 0.95, duration: { from: created_at, to: solved_at }, time: created_at }",
  med: "{ source: desk, from: rated, aggregate: median, column: score, time: created_at, window: 28d }",
  spread: "{ source: desk, from: tickets, aggregate: max, expr: 'a | b', time: created_at, window: all }",
  open: "{ source: desk, from: tickets, aggregate: count, active: { from: created_at, until: solved_at } }",
  everything: "{ source: desk, from: tickets, aggregate: count_distinct, column: id }",
};

async function measureRows(): Promise<Map<string, string[]>> {
  const root = mkdtempSync(join(tmpdir(), "kpi-docs-measures-"));
  writeFileSync(join(root, "kpi.yaml"), KPI_YAML);
  const measures = Object.entries(MEASURES).map(([name, text]) => `  ${name}: ${text}`);
  writeFileSync(
    join(root, "k.kpi.yaml"),
    [
      "kpi: k",
      "version: 1",
      "name: K",
      "description: d",
      "owner: a",
      "goal: g",
      "indicator: lagging",
      "direction: decrease",
      "cadence: monthly",
      `formula: ${Object.keys(MEASURES).join(" + ")}`,
      "measures:",
      ...measures,
      "",
    ].join("\n"),
  );
  const page = renderDocs(await loadWorkspace(root)).find((doc) => doc.path === "kpis/k.md")?.content ?? "";
  const rows = new Map<string, string[]>();
  for (const line of page.split("\n")) {
    const cells = line.split(/(?<!\\)\|/).map((text) => text.trim());
    const name = /^`(\w+)`$/.exec(cells[1] ?? "")?.[1];
    if (name && name in MEASURES) rows.set(name, cells.slice(3, 6));
  }
  return rows;
}

describe("kpi docs: a measure's row", () => {
  it("says what each measure aggregates and which rows it takes", async () => {
    const rows = await measureRows();
    expect(rows.get("p95")).toEqual([
      "95th percentile of the hours from `created_at` to `solved_at` in `tickets`",
      "—",
      "`created_at` in the period",
    ]);
    expect(rows.get("med")).toEqual([
      "median of `score` in the view `rated`",
      "—",
      "`created_at` over the 28 days up to the period's end (window: 28d)",
    ]);
    expect(rows.get("spread")).toEqual([
      "maximum of the expression `a \\| b` in `tickets`",
      "—",
      "`created_at` at any time up to the period's end (window: all)",
    ]);
    expect(rows.get("open")?.[0]).toBe("count of rows in `tickets`");
    expect(rows.get("open")?.[2]).toBe(
      "rows active at the period's end: `created_at` before it and `solved_at` empty or not before it",
    );
    expect(rows.get("everything")).toEqual([
      "count of distinct `id` in `tickets`",
      "—",
      "all rows (a snapshot, not windowed by time)",
    ]);
  });
});
