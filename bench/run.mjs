// `npm run bench`: measures `kpi validate` on a generated workspace of 10,000 KPI files against
// the floor (reading and parsing the same files with `yaml` in one thread), then runs the runner
// benchmark when there is one. Assumes `npm run build` ran; builds nothing itself.
// Options: --files <n> (default 10000), --runs <n> (repetitions, median reported; default 3),
// --validate-only (skip the runner, diff and language server benchmarks).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { generateWorkspace } from "./generate-workspace.mjs";

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const workspace = join(repo, "bench", ".work", "workspace");
const cli = join(repo, "apps", "cli", "bin", "kpi.js");
const { values: flags } = parseArgs({
  options: {
    files: { type: "string", default: "10000" },
    runs: { type: "string", default: "3" },
    "validate-only": { type: "boolean", default: false },
  },
});
const fileCount = Number(flags.files);
const runs = Number(flags.runs);
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const GOALS = { coldRatio: 0.25, rssMb: 300 };

/** Runs `node args` as a child and returns its wall time (s), peak RSS (MB) and output. */
function measure(args) {
  const command = TIME ? TIME : process.execPath;
  const commandArgs = TIME ? ["-v", process.execPath, ...args] : args;
  const started = performance.now();
  const child = spawnSync(command, commandArgs, { cwd: repo, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`node ${args.join(" ")} exited with ${child.status}:\n${child.stderr}`);
  }
  const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr ?? "");
  const childRss = /"maxRssKb":(\d+)/.exec(child.stdout ?? "");
  const rssKb = Number(timeRss?.[1] ?? childRss?.[1] ?? Number.NaN);
  // CPU time (user + system) as well as wall time: on a shared machine it is the steadier figure.
  const user = /User time \(seconds\): ([\d.]+)/.exec(child.stderr ?? "");
  const system = /System time \(seconds\): ([\d.]+)/.exec(child.stderr ?? "");
  const cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : Number.NaN;
  return { seconds, cpuSeconds, rssMb: rssKb / 1024, stdout: child.stdout };
}

function median(samples, pick) {
  const sorted = samples.map(pick).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Repeats a measurement, preparing before each run; reports medians. */
function repeat(prepare, args) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    prepare();
    samples.push(measure(args));
  }
  return {
    seconds: median(samples, (s) => s.seconds),
    cpuSeconds: median(samples, (s) => s.cpuSeconds),
    rssMb: median(samples, (s) => s.rssMb),
    stdout: samples[0].stdout,
  };
}

const validateArgs = [cli, "validate", "--dir", workspace, "--today", "2026-11-15", "--format", "json"];
const cacheDir = join(workspace, ".kpi");
let edits = 0;

console.log(`Generating ${fileCount} KPI files under ${workspace} ...`);
const files = generateWorkspace(workspace, fileCount);
const changedFile = join(workspace, files[Math.floor(files.length / 2)]);
const original = readFileSync(changedFile, "utf8");

console.log(`Measuring (median of ${runs} runs each) ...`);
const floor = repeat(() => {}, [join(repo, "bench", "floor.mjs"), workspace]);
// kpi validate keeps no cache: every run reads every file (the language server keeps its model in
// memory instead). `.kpi/` is removed all the same, so a stale folder cannot change a figure.
const cold = repeat(() => rmSync(cacheDir, { recursive: true, force: true }), validateArgs);
const revalidate = repeat(() => {
  // One edit per run, so that every run finds exactly one file changed since the last.
  edits++;
  writeFileSync(changedFile, original.replace(/^name: .*$/m, `name: Edited KPI (edit ${edits})`));
}, validateArgs);
writeFileSync(changedFile, original);

const diagnostics = JSON.parse(cold.stdout).diagnostics?.length ?? "?";
const rows = [
  ["floor: read + yaml parse, one thread", floor],
  ["kpi validate", cold],
  ["kpi validate, one file changed", revalidate],
];
const table = [
  "| measurement | wall (s) | CPU (s) | peak RSS (MB) | wall / floor | CPU / floor |",
  "|---|---:|---:|---:|---:|---:|",
  ...rows.map(
    ([name, m]) =>
      `| ${name} | ${m.seconds.toFixed(2)} | ${m.cpuSeconds.toFixed(2)} | ${m.rssMb.toFixed(0)} | ${(m.seconds / floor.seconds).toFixed(2)} | ${(m.cpuSeconds / floor.cpuSeconds).toFixed(2)} |`,
  ),
].join("\n");
console.log(`\n${table}\n`);
console.log(
  `machine: ${availableParallelism()} cores, node ${process.version}; ${fileCount} files; ${diagnostics} diagnostics; RSS via ${TIME ? "/usr/bin/time -v" : "process.resourceUsage"}`,
);
const verdict = (ok) => (ok ? "met" : "NOT met");
console.log(
  [
    `goal cold <= ${GOALS.coldRatio} x floor: ${verdict(cold.seconds <= GOALS.coldRatio * floor.seconds)}`,
    `goal one-change re-validate no slower than cold (CPU): ${verdict(revalidate.cpuSeconds <= cold.cpuSeconds * 1.1)}`,
    `goal peak RSS <= ${GOALS.rssMb} MB: ${verdict(Math.max(cold.rssMb, revalidate.rssMb) <= GOALS.rssMb)}`,
  ].join("\n"),
);

// The other benchmarks, each in its own folder with its own baseline measured in the same run.
const SUITES = [
  { name: "Runner", file: "runner/run-bench.mjs", run: "runRunnerBench" },
  { name: "Runner, section 4 measures", file: "runner/measures-bench.mjs", run: "runMeasuresBench" },
  {
    name: "Runner on the ClickHouse cluster",
    file: "runner/clickhouse-bench.mjs",
    run: "runClickhouseBench",
  },
  { name: "Installing the CLI", file: "install/run-bench.mjs", run: "runInstallBench" },
  { name: "Analysis (kpi analyze)", file: "analysis/run-bench.mjs", run: "runAnalysisBench" },
  { name: "Diff", file: "diff/run-bench.mjs", run: "runDiffBench" },
  { name: "Alerts (kpi run --notify)", file: "notify/run-bench.mjs", run: "runNotifyBench" },
  { name: "Language server", file: "lsp/run-bench.mjs", run: "runLspBench" },
  { name: "Language server, 20 workspaces", file: "lsp/workspaces-bench.mjs", run: "runWorkspacesBench" },
];
if (flags["validate-only"]) {
  console.log("\nOther benchmarks skipped (--validate-only).");
} else {
  for (const suite of SUITES) {
    const module = await import(pathToFileURL(join(repo, "bench", suite.file)).href);
    console.log(`\n${suite.name} benchmark (bench/${suite.file}):`);
    try {
      const result = await module[suite.run]();
      if (result !== undefined) console.log(JSON.stringify(result, null, 2));
    } catch (error) {
      // The figures above stand on their own; say why this part is missing.
      console.log(
        `${suite.name} benchmark failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exitCode = 1;
    }
  }
}
