// `kpi run` as a user runs it (a process: node, the CLI, the workspace's files, the source, one
// scan, the output) against a bare node process that opens DuckDB and runs the hand-written query
// for the same values and breakdowns. Run in alternating pairs so that both see the same minutes
// of a shared machine; wall time from here, CPU time (user + system) from /usr/bin/time.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

function measure(args, cwd) {
  const command = TIME ?? process.execPath;
  const commandArgs = TIME ? ["-f", "cpu %U %S", process.execPath, ...args] : args;
  const started = performance.now();
  const child = spawnSync(command, commandArgs, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0)
    throw new Error(`node ${args.join(" ")} exited with ${child.status}:\n${child.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(child.stderr ?? "");
  return { wall, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median wall and CPU seconds of `kpi run` and of the bare process over `runs` alternating pairs. */
export function kpiRunAgainstBareProcess({ workspaceDir, parquet, period, runs, extraArgs = [] }) {
  const month = period.start.slice(0, 7);
  const kpiArgs = [
    join(repo, "apps", "cli", "bin", "kpi.js"),
    "run",
    "--period",
    month,
    "--format",
    "json",
    "--no-record",
    ...extraArgs,
  ];
  const bareArgs = [join(repo, "bench", "runner", "hand-written.mjs"), parquet, period.start, period.end];
  measure(kpiArgs, workspaceDir); // warm-up: the file cache, DuckDB's extension-free start
  measure(bareArgs, workspaceDir);
  const kpi = [];
  const bare = [];
  for (let run = 0; run < Math.max(runs, 5); run++) {
    kpi.push(measure(kpiArgs, workspaceDir));
    bare.push(measure(bareArgs, workspaceDir));
  }
  const summary = (samples) => ({
    wall: median(samples.map((s) => s.wall)),
    cpu: median(samples.map((s) => s.cpu)),
  });
  const k = summary(kpi);
  const b = summary(bare);
  return {
    pairs: kpi.length,
    kpi: k,
    bare: b,
    // The median of the pairs' ratios: each pair ran in the same minute.
    wallRatio: median(kpi.map((s, i) => s.wall / bare[i].wall)),
    cpuRatio: median(kpi.map((s, i) => s.cpu / bare[i].cpu)),
  };
}
