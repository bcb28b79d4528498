import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * A DuckDB workspace (CSV files) over the 12 months 2025-12 .. 2026-11 where `trials` leads
 * `orders` by one month (orders = 100 + 2 x last month's trials), `noise` is unrelated and `flat`
 * never changes, `gappy` has no value in two months. Goal `side` has a leading KPI only. Today is 2026-12-15.
 */
export const TODAY = "2026-12-15";
export const MONTHS = [
  "2025-12",
  "2026-01",
  "2026-02",
  "2026-03",
  "2026-04",
  "2026-05",
  "2026-06",
  "2026-07",
  "2026-08",
  "2026-09",
  "2026-10",
  "2026-11",
];
export const TRIALS = [20, 35, 25, 40, 22, 38, 30, 45, 28, 33, 50, 26];
export const NOISE = [35, 32, 39, 30, 27, 35, 31, 39, 33, 32, 28, 26];
export const ORDERS = [60, ...TRIALS.slice(0, -1).map((trials) => 100 + 2 * trials)];

/** One CSV row (`id,at`) per unit of each month's count, spread over the month's first 28 days. */
export function countsCsv(counts: readonly number[], months = MONTHS): string {
  const rows = ["id,at"];
  counts.forEach((count, month) => {
    for (let i = 0; i < count; i++) {
      rows.push(`${rows.length},${months[month]}-${String((i % 28) + 1).padStart(2, "0")}`);
    }
  });
  return `${rows.join("\n")}\n`;
}

export function countKpi(
  id: string,
  table: string,
  fields: { goal?: string; indicator?: string; direction?: string } = {},
): string {
  return [
    `kpi: ${id}`,
    "version: 1",
    `name: ${id}`,
    "description: d",
    "owner: a",
    `goal: ${fields.goal ?? "g"}`,
    `indicator: ${fields.indicator ?? "leading"}`,
    "unit: count",
    `direction: ${fields.direction ?? "increase"}`,
    "cadence: monthly",
    "formula: n",
    "measures:",
    `  n: { source: app, from: ${table}, aggregate: count, time: at }`,
    "",
  ].join("\n");
}

export function writeFiles(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "kpi-analysis-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

export function leadLagWorkspace(): string {
  return writeFiles({
    "kpi.yaml": [
      "project: p",
      "owners: { a: { name: A } }",
      "goals: { g: { statement: Grow orders }, side: { statement: Side bet } }",
      "sources:",
      "  app:",
      "    type: duckdb",
      "    tables: { trials: data/trials.csv, noise: data/noise.csv, orders: data/orders.csv, flat: data/flat.csv, gaps: data/gaps.csv }",
      "",
    ].join("\n"),
    "data/trials.csv": countsCsv(TRIALS),
    "data/noise.csv": countsCsv(NOISE),
    "data/orders.csv": countsCsv(ORDERS),
    "data/flat.csv": countsCsv(MONTHS.map(() => 10)),
    // No rows in 2026-03 and 2026-07: a sum over no rows has no value.
    "data/gaps.csv": `id,at,amount\n${MONTHS.flatMap((month, index) => (index === 3 || index === 7 ? [] : [`${index},${month}-10,${TRIALS[index]}`])).join("\n")}\n`,
    "trials.kpi.yaml": countKpi("trials", "trials"),
    "noise.kpi.yaml": countKpi("noise", "noise"),
    "flat.kpi.yaml": countKpi("flat", "flat"),
    "orders.kpi.yaml": countKpi("orders", "orders", { indicator: "lagging" }),
    "lonely.kpi.yaml": countKpi("lonely", "trials", { goal: "side" }),
    "gappy.kpi.yaml": countKpi("gappy", "gaps").replace(
      "aggregate: count,",
      "aggregate: sum, column: amount,",
    ),
  });
}
