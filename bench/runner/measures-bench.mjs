// Benchmark of spec section 4's measures (issue #12): on the 10-million-row events table, a KPI
// with a 28-day window and a KPI with a 90th percentile, each run by the runner against one
// hand-written DuckDB query for the same number. Imports the built packages: build first.
// Usage: node bench/runner/measures-bench.mjs [--runs N]   (or through `npm run bench`)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { ensureEventsParquet, kpiFileText, projectFileText } from "./bench-data.mjs";

const repo = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const workspaceDir = join(repo, "bench", ".work", "measures");
const GOAL_RATIO = 1.2;
const PERIOD = { start: "2025-11-01", end: "2025-12-01" };
const events = { source: "events_db", from: "events", time: "occurred_at" };

const CASES = [
  {
    // The reference: a plain count over the same rows, to tell the runner's fixed cost from the constructs'.
    kpi: "events_in_period",
    measures: { n: { ...events, aggregate: "count" } },
    formula: "n",
    hand: "SELECT count(*) FROM read_parquet($1) WHERE occurred_at >= TIMESTAMP '2025-11-01' AND occurred_at < TIMESTAMP '2025-12-01'",
  },
  {
    kpi: "active_users_28d",
    measures: { users: { ...events, aggregate: "count_distinct", column: "user_id", window: "28d" } },
    formula: "users",
    // 28 days before December 1 is November 3.
    hand: "SELECT count(DISTINCT user_id) FROM read_parquet($1) WHERE occurred_at >= TIMESTAMP '2025-11-03' AND occurred_at < TIMESTAMP '2025-12-01'",
  },
  {
    kpi: "amount_p90",
    measures: { p90: { ...events, aggregate: "percentile", percentile: 0.9, column: "amount" } },
    formula: "p90",
    hand: "SELECT quantile_cont(amount, 0.9) FROM read_parquet($1) WHERE occurred_at >= TIMESTAMP '2025-11-01' AND occurred_at < TIMESTAMP '2025-12-01'",
  },
];

const median = (samples) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];

/**
 * Median wall times of two actions after one warm-up each, run in turns so both see the same machine
 * load, and the median of the pairs' ratios (the steadier figure on a shared machine).
 */
async function pairedMedians(runs, first, second) {
  await first();
  await second();
  const samples = [[], []];
  for (let run = 0; run < runs; run++) {
    for (const [index, action] of [first, second].entries()) {
      const started = performance.now();
      await action();
      samples[index].push((performance.now() - started) / 1000);
    }
  }
  const ratios = samples[0].map((seconds, run) => seconds / samples[1][run]);
  return [median([...samples[0]]), median([...samples[1]]), median(ratios)];
}

async function handWritten(sql, parquet) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(sql, [parquet]);
  const value = Number(reader.getRows()[0]?.[0]);
  connection.closeSync();
  instance.closeSync();
  return value;
}

export async function runMeasuresBench(options = {}) {
  const runs = options.runs ?? 9;
  const runner = await import(pathToFileURL(join(repo, "packages/runner/dist/bundle/index.js")).href);
  const data = await ensureEventsParquet(workspaceDir);
  mkdirSync(workspaceDir, { recursive: true });
  writeFileSync(join(workspaceDir, "kpi.yaml"), projectFileText());
  for (const { hand: _hand, ...kpi } of CASES)
    writeFileSync(join(workspaceDir, `${kpi.kpi}.kpi.yaml`), kpiFileText(kpi, { segments: [] }));
  const workspace = await runner.loadWorkspace(workspaceDir);
  const lines = [];
  const results = {};
  for (const { kpi, hand } of CASES) {
    const run = () =>
      runner.runWorkspace({ root: workspaceDir, workspace, kpis: [kpi], period: PERIOD, breakdowns: false });
    const [result] = (await run()).results;
    const expected = await handWritten(hand, data.path);
    if (result.status === "error" || Math.abs(result.value - expected) > 1e-6 * Math.abs(expected))
      throw new Error(
        `${kpi}: the runner gave ${result.value} (${result.error ?? result.status}), by hand ${expected}`,
      );
    const [runnerSeconds, handSeconds, pairedRatio] = await pairedMedians(runs, run, () =>
      handWritten(hand, data.path),
    );
    const ratio = runnerSeconds / handSeconds;
    results[kpi] = { runnerSeconds, handSeconds, ratio, pairedRatio };
    lines.push(
      `${kpi} = ${expected}: runner ${runnerSeconds.toFixed(3)} s, hand-written ${handSeconds.toFixed(3)} s, ratio of medians ${ratio.toFixed(2)}x, median of ${runs} pairs' ratios ${pairedRatio.toFixed(2)}x (goal <= ${GOAL_RATIO}x: ${pairedRatio <= GOAL_RATIO ? "met" : "MISSED"})`,
    );
  }
  console.log(lines.join("\n"));
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "9" } } });
  await runMeasuresBench({ runs: Number(values.runs) });
}
