// Runner benchmark (in one process): runWorkspace over 50 KPIs on a 10-million-row
// Parquet events table, for one period and for a 12-month monthly series, against
// hand-written DuckDB SQL computing the same numbers in one scan (GROUPING SETS);
// and compiling 1,000 KPIs to SQL. Imports the built packages: run `npm run build` first.
// Usage: node bench/runner/run-bench.mjs [--runs N]   (or through `npm run bench`)
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  benchKpis,
  CHANNELS,
  ensureEventsParquet,
  KINDS,
  kpiFileText,
  projectFileText,
  ROWS,
  writeBenchWorkspace,
} from "./bench-data.mjs";

const repo = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const workspaceDir = join(repo, "bench", ".work", "runner");
const GOALS = { handWrittenRatio: 1.1, compileThousandSeconds: 1 };
const PERIOD = { start: "2025-11-01", end: "2025-12-01" };
const YEAR = { start: "2025-01-01", end: "2026-01-01" };

async function importBuilt(relative) {
  return import(pathToFileURL(join(repo, relative)).href);
}

async function timed(action) {
  const started = performance.now();
  const value = await action();
  return { seconds: (performance.now() - started) / 1000, value };
}

/** Median wall time of `runs` repetitions after one warm-up. */
async function medianSeconds(runs, action) {
  await action();
  const samples = [];
  for (let run = 0; run < runs; run++) samples.push((await timed(action)).seconds);
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

/** The distinct aggregates the 50 KPIs need, written by hand. */
function handWrittenAggregates() {
  const filters = [
    ...KINDS.map((kind) => `kind = '${kind}'`),
    ...KINDS.map((kind, index) => `kind = '${kind}' AND channel = '${CHANNELS[index % CHANNELS.length]}'`),
  ];
  const columns = ["count(*) AS total"];
  filters.forEach((where, index) => {
    columns.push(
      `count(*) FILTER (WHERE ${where}) AS n${index}`,
      `count(DISTINCT user_id) FILTER (WHERE ${where}) AS u${index}`,
      `avg(amount) FILTER (WHERE ${where}) AS a${index}`,
      `sum(amount) FILTER (WHERE ${where}) AS s${index}`,
    );
  });
  return columns.join(", ");
}

async function handWritten(parquet, window, withMonths) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const month = "CAST(date_trunc('month', occurred_at) AS DATE)";
  const sets = withMonths ? `(), (channel), (country), (${month})` : "(), (channel), (country)";
  const sql = `SELECT channel, country, ${withMonths ? `${month} AS month, ` : ""}${handWrittenAggregates()}
    FROM read_parquet('${parquet}')
    WHERE occurred_at >= TIMESTAMP '${window.start}' AND occurred_at < TIMESTAMP '${window.end}'
    GROUP BY GROUPING SETS (${sets})`;
  const reader = await connection.runAndReadAll(sql);
  const rows = reader.getRows().length;
  connection.closeSync();
  instance.closeSync();
  return rows;
}

async function compileThousand(core, runner) {
  const files = [{ file: "kpi.yaml", text: projectFileText() }];
  const base = benchKpis();
  for (let index = 0; index < 1000; index++) {
    const kpi = base[index % base.length];
    const id = `${kpi.kpi}_${index}`;
    // Every KPI on its own table, so nothing is shared and 1,000 KPIs really compile 1,000 ways.
    const measures = Object.fromEntries(
      Object.entries(kpi.measures).map(([name, measure]) => [
        name,
        { ...measure, from: `events_${index % 100}` },
      ]),
    );
    files.push({ file: `${id}.kpi.yaml`, text: kpiFileText({ ...kpi, kpi: id, measures }) });
  }
  const build = await timed(() => core.buildWorkspace(files.map((file) => core.analyzeFile(file))));
  const workspace = build.value;
  const targets = workspace.kpis.map((entry) => ({ kpi: entry.id, period: PERIOD }));
  const compile = await timed(() => runner.compileWorkspace(workspace, { targets, grain: "month" }));
  const failed = compile.value.compiled.filter((query) => "error" in query.statement).length;
  if (failed > 0) throw new Error(`${failed} statements did not compile`);
  return { parseSeconds: build.seconds, seconds: compile.seconds, statements: compile.value.compiled.length };
}

export async function runRunnerBench(options = {}) {
  const runs = options.runs ?? 3;
  const runner = await importBuilt("packages/runner/dist/index.js");
  const core = await importBuilt("packages/core/dist/index.js");
  const data = await timed(() => ensureEventsParquet(workspaceDir));
  writeBenchWorkspace(workspaceDir);
  console.log(
    `events.parquet: ${ROWS.toLocaleString("en")} rows, ${data.value.generated ? `generated in ${data.seconds.toFixed(1)} s` : "cached"}`,
  );
  const workspace = await runner.loadWorkspace(workspaceDir);
  const check = await runner.runWorkspace({ root: workspaceDir, workspace, period: PERIOD });
  const errors = check.results.filter((result) => result.status === "error");
  if (errors.length > 0) throw new Error(`bench KPIs failed: ${errors[0].error}`);
  const queries = runner.compileWorkspace(workspace, {
    targets: check.results.map((result) => ({ kpi: result.kpi, period: PERIOD })),
  }).compiled.length;

  const period = await medianSeconds(runs, () =>
    runner.runWorkspace({ root: workspaceDir, workspace, period: PERIOD }),
  );
  const periodHand = await medianSeconds(runs, () => handWritten(data.value.path, PERIOD, false));
  const series = await medianSeconds(runs, () =>
    runner.runWorkspace({ root: workspaceDir, workspace, period: YEAR, grain: "month" }),
  );
  const seriesHand = await medianSeconds(runs, () => handWritten(data.value.path, YEAR, true));
  const compile = await compileThousand(core, runner);

  const verdict = (ok) => (ok ? "met" : "MISSED");
  const lines = [
    `50 KPIs (2 segments each) -> ${queries} queries for one period`,
    `one period (${PERIOD.start}..${PERIOD.end}): runner ${period.toFixed(3)} s, hand-written ${periodHand.toFixed(3)} s, ratio ${(period / periodHand).toFixed(2)}x (goal <= ${GOALS.handWrittenRatio}x: ${verdict(period <= GOALS.handWrittenRatio * periodHand)})`,
    `12-month monthly series: runner ${series.toFixed(3)} s, hand-written ${seriesHand.toFixed(3)} s, ratio ${(series / seriesHand).toFixed(2)}x (goal <= ${GOALS.handWrittenRatio}x: ${verdict(series <= GOALS.handWrittenRatio * seriesHand)})`,
    `compile 1,000 KPIs (with series and breakdowns) -> ${compile.statements} statements: ${compile.seconds.toFixed(3)} s (goal <= ${GOALS.compileThousandSeconds} s: ${verdict(compile.seconds <= GOALS.compileThousandSeconds)}); parsing the files first: ${compile.parseSeconds.toFixed(3)} s`,
  ];
  console.log(lines.join("\n"));
  return { period, periodHand, series, seriesHand, compile };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
  await runRunnerBench({ runs: Number(values.runs) });
}
