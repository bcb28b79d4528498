// `node bench/diff/run-bench.mjs`: measures `kpi diff` between two revisions of a generated
// repository of 10,000 KPI files where 100 KPIs changed (50 lowered targets, 50 new formulas), both
// revision against revision (git objects only) and revision against the working tree (read from
// disk). Goal: <= 2 s. Assumes `npm run build` ran. Options: --files <n>, --changed <n>, --runs <n>.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { generateWorkspace } from "../generate-workspace.mjs";

const repoRoot = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const cli = join(repoRoot, "apps", "cli", "bin", "kpi.js");
const GOAL_SECONDS = 2;

function git(cwd, ...args) {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
}

/** A git repository with tags `base` and `head`; reused when one with the same shape exists. */
function prepareRepository(dir, files, changed) {
  const shape = `${files} files, ${changed} changed\n`;
  const marker = join(dir, ".git", "kpi-bench-shape");
  if (existsSync(marker) && readFileSync(marker, "utf8") === shape) return;
  const paths = generateWorkspace(dir, files);
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "user.email", "bench@example.com");
  git(dir, "config", "user.name", "Bench");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "base");
  git(dir, "tag", "base");
  // Spread the changes over the workspace, like a PR touching several areas.
  const step = Math.floor(files / changed);
  for (let i = 0; i < changed; i++) {
    const file = join(dir, paths[i * step]);
    const text = readFileSync(file, "utf8");
    writeFileSync(
      file,
      i % 2 === 0
        ? text.replace(
            /short_term: \{ value: ([\d.]+)/,
            (_, v) => `short_term: { value: ${Math.max(0, v - 0.02).toFixed(3)}`,
          )
        : text.replace("formula: converted / total", "formula: converted / (total + 1)"),
    );
  }
  git(dir, "commit", "-qam", "change KPIs");
  git(dir, "tag", "head");
  git(dir, "checkout", "-q", "base");
  git(dir, "checkout", "-q", "head");
  writeFileSync(marker, shape);
}

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Median wall and CPU (user + system, with git's children) seconds of `kpi diff`; CPU is steadier on a shared machine. */
function timeDiff(dir, args, runs) {
  const wall = [];
  const cpu = [];
  let output = "";
  for (let run = 0; run < runs; run++) {
    const command = [cli, "diff", "--dir", dir, ...args];
    const started = performance.now();
    const child = TIME
      ? spawnSync(TIME, ["-v", process.execPath, ...command], { encoding: "utf8", maxBuffer: 1 << 28 })
      : spawnSync(process.execPath, command, { encoding: "utf8", maxBuffer: 1 << 28 });
    wall.push((performance.now() - started) / 1000);
    if (child.status !== 0) throw new Error(`kpi diff exited with ${child.status}:\n${child.stderr}`);
    const user = /User time \(seconds\): ([\d.]+)/.exec(child.stderr ?? "");
    const system = /System time \(seconds\): ([\d.]+)/.exec(child.stderr ?? "");
    cpu.push(user && system ? Number(user[1]) + Number(system[1]) : Number.NaN);
    output = child.stdout;
  }
  return { seconds: median(wall), cpuSeconds: median(cpu), output };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The fixed cost of starting the CLI at all, to tell it apart from the diff's own work. */
function timeStartup(runs) {
  return cpuSecondsOf(["--version"], runs);
}

function cpuSecondsOf(args, runs) {
  const cpu = [];
  for (let run = 0; run < runs; run++) {
    const child = TIME
      ? spawnSync(TIME, ["-v", process.execPath, cli, ...args], { encoding: "utf8" })
      : spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
    const user = /User time \(seconds\): ([\d.]+)/.exec(child.stderr ?? "");
    const system = /System time \(seconds\): ([\d.]+)/.exec(child.stderr ?? "");
    cpu.push(user && system ? Number(user[1]) + Number(system[1]) : Number.NaN);
  }
  return median(cpu);
}

/** Runs the benchmark and returns its figures (median wall seconds per mode). */
export function runDiffBench({ files = 10_000, changed = 100, runs = 3 } = {}) {
  const dir = join(repoRoot, "bench", ".work", "diff-repo");
  const prepareStart = performance.now();
  prepareRepository(dir, files, changed);
  const prepareSeconds = (performance.now() - prepareStart) / 1000;
  const revisions = timeDiff(dir, ["--base", "base", "--head", "head", "--format", "json"], runs);
  const reported = JSON.parse(revisions.output).kpis.length;
  if (reported !== changed)
    throw new Error(`expected ${changed} changed KPIs, the diff reported ${reported}`);
  const workingTree = timeDiff(dir, ["--base", "base"], runs);
  return {
    files,
    changed,
    runs,
    prepareSeconds,
    revisionsSeconds: revisions.seconds,
    revisionsCpuSeconds: revisions.cpuSeconds,
    workingTreeSeconds: workingTree.seconds,
    workingTreeCpuSeconds: workingTree.cpuSeconds,
    cliStartupCpuSeconds: timeStartup(runs),
    markdownChars: workingTree.output.length,
    goalSeconds: GOAL_SECONDS,
    withinGoal: revisions.seconds <= GOAL_SECONDS && workingTree.seconds <= GOAL_SECONDS,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      files: { type: "string", default: "10000" },
      changed: { type: "string", default: "100" },
      runs: { type: "string", default: "3" },
    },
  });
  const result = runDiffBench({
    files: Number(values.files),
    changed: Number(values.changed),
    runs: Number(values.runs),
  });
  console.log(JSON.stringify(result, null, 2));
  if (!result.withinGoal) process.exitCode = 1;
}
