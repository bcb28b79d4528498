// Benchmark of kpi-language-server on a repository of many KPI workspaces (default 20 x 500 KPIs,
// one editor folder holding them all) against one workspace of as many KPIs (10,000), in the same
// run: the time from initialize to every workspace indexed, validated and published, over `runs`
// pairs of server starts (one, then many). The ratio is the median of each pair's ratio, so that a
// machine whose speed drifts between pairs (other load) moves both sides of a pair alike. Goal: the
// many workspaces take at most 1.1x the one.
// Run after `npm run build`: node bench/lsp/workspaces-bench.mjs [workspaces] [kpisPerWorkspace]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateLspWorkspace } from "./generate-lsp-workspace.mjs";
import { startServer } from "./run-bench.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const GOAL_RATIO = 1.1;

export async function runWorkspacesBench({
  workspaces = 20,
  perWorkspace = 500,
  runs = 3,
  root = join(REPO, "bench/.work/lsp-workspaces"),
} = {}) {
  if (!existsSync(join(REPO, "packages/language-server/dist/bundle/bin.js"))) {
    throw new Error("build first: npx turbo run build --filter=@kpi-as-code/language-server...");
  }
  const many = join(root, "many");
  const one = join(root, "one");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(many, { recursive: true });
  // The same generator for both: the same KPI files, only split among workspaces (each one's ids
  // start again at kpi_0, as in unrelated teams' workspaces: no id/duplicate across them).
  for (let w = 0; w < workspaces; w++) generateLspWorkspace(join(many, `team_${w}`), perWorkspace);
  generateLspWorkspace(one, workspaces * perWorkspace);
  spawnSync("sync"); // written out before timing, as in a repository an editor opens

  const timings = { many: [], one: [] };
  for (let run = 0; run < runs; run++) {
    for (const [name, folder] of [
      ["one", one],
      ["many", many],
    ]) {
      const server = await startServer(folder);
      const { indexedAt, indexCpuMs } = await server.allIndexed;
      timings[name].push({ ms: indexedAt - server.started, cpuMs: indexCpuMs });
      await server.stop();
    }
  }
  const manyMs = median(timings.many.map((t) => t.ms));
  const oneMs = median(timings.one.map((t) => t.ms));
  const pairRatios = timings.many.map((t, i) => t.ms / (timings.one[i]?.ms ?? Number.NaN));
  const ratio = Math.round(median(pairRatios) * 100) / 100;
  return {
    workspaces,
    kpisPerWorkspace: perWorkspace,
    indexMs: {
      many: Math.round(manyMs),
      one: Math.round(oneMs),
      manyRuns: timings.many.map((t) => Math.round(t.ms)),
      oneRuns: timings.one.map((t) => Math.round(t.ms)),
    },
    // The main thread's CPU time until then: barely moved by other load on the machine.
    indexCpuMs: {
      many: median(timings.many.map((t) => t.cpuMs)),
      one: median(timings.one.map((t) => t.cpuMs)),
    },
    ratio,
    pairRatios: pairRatios.map((r) => Math.round(r * 100) / 100),
    cpuRatio:
      Math.round((median(timings.many.map((t) => t.cpuMs)) / median(timings.one.map((t) => t.cpuMs))) * 100) /
      100,
    goal: `many workspaces <= ${GOAL_RATIO}x one workspace: ${ratio <= GOAL_RATIO ? "met" : "NOT met"}`,
  };
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const workspaces = Number(process.argv[2] ?? 20);
  const perWorkspace = Number(process.argv[3] ?? 500);
  console.log(JSON.stringify(await runWorkspacesBench({ workspaces, perWorkspace }), null, 2));
}
