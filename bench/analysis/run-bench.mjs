// kpi analyze benchmark (issue #15): analyzeLeadLag over 12 monthly periods for the runner
// benchmark's 50 KPIs (every other one leading) on its 10-million-row Parquet events table,
// against hand-written DuckDB SQL computing the same monthly series in one scan. Goal: at most
// 1.5x. Imports the built packages: run `npm run build` first.
// Usage: node bench/analysis/run-bench.mjs [--runs N]   (or through `npm run bench`)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { benchKpis, ensureEventsParquet, kpiFileText, projectFileText, ROWS } from "../runner/bench-data.mjs";

const repo = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const workspaceDir = join(repo, "bench", ".work", "analysis");
const GOAL_RATIO = 1.5;
/** The window is 2025-01 .. 2025-12, where the events lie. */
const TODAY = "2026-01-15";
const YEAR = { start: "2025-01-01", end: "2026-01-01" };

async function medianSeconds(runs, action) {
  await action();
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await action();
    samples.push((performance.now() - started) / 1000);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

function writeWorkspace() {
  mkdirSync(workspaceDir, { recursive: true });
  writeFileSync(join(workspaceDir, "kpi.yaml"), projectFileText());
  benchKpis().forEach((kpi, index) => {
    const indicator = index % 2 === 0 ? "leading" : "lagging";
    writeFileSync(join(workspaceDir, `${kpi.kpi}.kpi.yaml`), kpiFileText(kpi, { indicator }));
  });
}

/** Every distinct aggregate of the 50 KPIs by month, in one scan (what their series need). */
function handWrittenSql(parquet) {
  const columns = ["count(*) AS total"];
  benchKpis().forEach((kpi, index) => {
    for (const [name, measure] of Object.entries(kpi.measures)) {
      const filter = measure.where ? ` FILTER (WHERE ${measure.where})` : "";
      const value =
        measure.aggregate === "count"
          ? "count(*)"
          : measure.aggregate === "count_distinct"
            ? `count(DISTINCT ${measure.column})`
            : `${measure.aggregate}(${measure.column})`;
      columns.push(`${value}${filter} AS m${index}_${name}`);
    }
  });
  return `SELECT CAST(date_trunc('month', occurred_at) AS DATE) AS month, ${columns.join(", ")}
    FROM read_parquet('${parquet}')
    WHERE occurred_at >= TIMESTAMP '${YEAR.start}' AND occurred_at < TIMESTAMP '${YEAR.end}'
    GROUP BY 1`;
}

async function handWritten(parquet) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const rows = (await connection.runAndReadAll(handWrittenSql(parquet))).getRows().length;
  connection.closeSync();
  instance.closeSync();
  return rows;
}

export async function runAnalysisBench(options = {}) {
  const runs = options.runs ?? 3;
  const runner = await import(pathToFileURL(join(repo, "packages/runner/dist/bundle/index.js")).href);
  const data = await ensureEventsParquet(workspaceDir);
  writeWorkspace();
  const workspace = await runner.loadWorkspace(workspaceDir);
  const options_ = { root: workspaceDir, workspace, today: TODAY };
  const check = await runner.analyzeLeadLag(options_);
  const failed = check.pairs.filter((pair) => pair.note === "error");
  if (failed.length > 0) throw new Error(`pairs failed: ${failed[0].message}`);
  let queries = 0;
  await runner.analyzeLeadLag({ ...options_, onProgress: (_done, total) => (queries = total) });
  const analyze = await medianSeconds(runs, () => runner.analyzeLeadLag(options_));
  const hand = await medianSeconds(runs, () => handWritten(data.path));
  const ratio = analyze / hand;
  console.log(
    [
      `${ROWS.toLocaleString("en")} rows, 50 KPIs, ${check.pairs.length} leading -> lagging pairs, ${queries} queries`,
      `kpi analyze (12 months): ${analyze.toFixed(3)} s, hand-written monthly series in one scan ${hand.toFixed(3)} s, ratio ${ratio.toFixed(2)}x (goal <= ${GOAL_RATIO}x: ${ratio <= GOAL_RATIO ? "met" : "MISSED"})`,
    ].join("\n"),
  );
  return { analyze, hand, ratio, queries, pairs: check.pairs.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
  await runAnalysisBench({ runs: Number(values.runs) });
}
