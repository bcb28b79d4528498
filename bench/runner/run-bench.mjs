// Runner benchmark: runWorkspace over 50 KPIs on a 10-million-row Parquet events table, for one
// period and for a 12-month monthly series, against hand-written DuckDB SQL computing the same
// numbers in one scan (GROUPING SETS), in this process; `kpi run` as a process against a bare node
// process running the hand-written query (process-bench.mjs); and compiling 1,000 KPIs to SQL.
// Imports the built packages: run `npm run build` first.
// Usage: node bench/runner/run-bench.mjs [--runs N]   (or through `npm run bench`)
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  benchKpis,
  ensureEventsParquet,
  kpiFileText,
  projectFileText,
  ROWS,
  writeBenchWorkspace,
} from "./bench-data.mjs";
import { handWritten } from "./hand-written.mjs";
import { kpiRunAgainstBareProcess } from "./process-bench.mjs";

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

/**
 * `runs` alternating pairs after one warm-up of each, so that both sides see the same minutes of a
 * shared machine: the medians of each side and the median of the pairs' ratios.
 */
async function pairedMedians(runs, action, baseline) {
  await action();
  await baseline();
  const pairs = [];
  for (let run = 0; run < runs; run++) {
    const a = (await timed(action)).seconds;
    const b = (await timed(baseline)).seconds;
    pairs.push([a, b]);
  }
  const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  return {
    seconds: median(pairs.map(([a]) => a)),
    baseline: median(pairs.map(([, b]) => b)),
    ratio: median(pairs.map(([a, b]) => a / b)),
  };
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
  const runner = await importBuilt("packages/runner/dist/bundle/index.js");
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
  const targets = check.results.map((result) => ({ kpi: result.kpi, period: PERIOD }));
  const queries = runner.compileWorkspace(workspace, { targets }).compiled.length;
  const plainQueries = runner.compileWorkspace(workspace, { targets, oneScan: false }).compiled.length;
  const seriesQueries = runner.compileWorkspace(workspace, { targets, grain: "month" }).compiled.length;

  const periodPair = await pairedMedians(
    runs,
    () => runner.runWorkspace({ root: workspaceDir, workspace, period: PERIOD }),
    () => handWritten(data.value.path, PERIOD, false),
  );
  const seriesPair = await pairedMedians(
    runs,
    () => runner.runWorkspace({ root: workspaceDir, workspace, period: YEAR, grain: "month" }),
    () => handWritten(data.value.path, YEAR, true),
  );
  const [period, periodHand, series, seriesHand] = [
    periodPair.seconds,
    periodPair.baseline,
    seriesPair.seconds,
    seriesPair.baseline,
  ];
  const compile = await compileThousand(core, runner);
  const processes = kpiRunAgainstBareProcess({
    workspaceDir,
    parquet: data.value.path,
    period: PERIOD,
    runs,
  });

  const verdict = (ok) => (ok ? "met" : "MISSED");
  const lines = [
    `50 KPIs (2 segments each) -> ${queries} queries for one period (one query per grouping: ${plainQueries}); with a monthly series: ${seriesQueries}`,
    `kpi run as a process (${processes.pairs} pairs, medians): ${processes.kpi.wall.toFixed(3)} s wall / ${processes.kpi.cpu.toFixed(3)} s CPU, bare node + hand-written query ${processes.bare.wall.toFixed(3)} s / ${processes.bare.cpu.toFixed(3)} s, ratio ${processes.wallRatio.toFixed(2)}x wall, ${processes.cpuRatio.toFixed(2)}x CPU (goal <= ${GOALS.handWrittenRatio}x: ${verdict(processes.wallRatio <= GOALS.handWrittenRatio)})`,
    `one period (${PERIOD.start}..${PERIOD.end}): runner ${period.toFixed(3)} s, hand-written ${periodHand.toFixed(3)} s, ratio ${periodPair.ratio.toFixed(2)}x (median of ${runs} pairs; goal <= ${GOALS.handWrittenRatio}x: ${verdict(periodPair.ratio <= GOALS.handWrittenRatio)})`,
    `12-month monthly series: runner ${series.toFixed(3)} s, hand-written ${seriesHand.toFixed(3)} s, ratio ${seriesPair.ratio.toFixed(2)}x (median of ${runs} pairs; goal <= ${GOALS.handWrittenRatio}x: ${verdict(seriesPair.ratio <= GOALS.handWrittenRatio)})`,
    `compile 1,000 KPIs (with series and breakdowns) -> ${compile.statements} statements: ${compile.seconds.toFixed(3)} s (goal <= ${GOALS.compileThousandSeconds} s: ${verdict(compile.seconds <= GOALS.compileThousandSeconds)}); parsing the files first: ${compile.parseSeconds.toFixed(3)} s`,
  ];
  console.log(lines.join("\n"));
  return { periodPair, seriesPair, compile, processes, queries, plainQueries };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
  await runRunnerBench({ runs: Number(values.runs) });
}
