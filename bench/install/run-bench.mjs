// Installing the CLI for a DuckDB-only workspace, as apps/cli/test/install/install.test.ts does:
// every package of the CLI packed as npm would publish it, then `npm install` of the CLI into a
// fresh folder (the others from their tarballs through `overrides`). The first install warms npm's
// cache; the ones after it are timed, each into a new folder: the goal is at most 60 s from a warm
// cache, with nothing compiled (node-gyp leaves build/config.gypi) and no driver but DuckDB's.
// Assumes `npm run build` ran. Usage: node bench/install/run-bench.mjs [--runs N]
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const repo = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const GOAL_SECONDS = 60;
const OTHER_DRIVERS = ["better-sqlite3", "pg", "mysql2", "@clickhouse/client"];

function npm(args, cwd) {
  return execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 600_000,
  });
}

/** The CLI's folder and those of every package of this repository it depends on. */
function packagesOfTheCli() {
  const folders = new Map();
  for (const group of ["packages", "apps"]) {
    for (const name of readdirSync(join(repo, group))) {
      const manifest = join(repo, group, name, "package.json");
      if (existsSync(manifest))
        folders.set(JSON.parse(readFileSync(manifest, "utf8")).name, `${group}/${name}`);
    }
  }
  const found = new Set();
  const visit = (name) => {
    const folder = folders.get(name);
    if (!folder || found.has(folder)) return;
    found.add(folder);
    const manifest = JSON.parse(readFileSync(join(repo, folder, "package.json"), "utf8"));
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) visit(dep);
  };
  visit("@kpi-as-code/cli");
  return [...found];
}

function installInto(project, manifest) {
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "package.json"), JSON.stringify(manifest, null, 2));
  const started = performance.now();
  npm(["install", "--prefer-offline", "--no-audit", "--no-fund"], project);
  const seconds = (performance.now() - started) / 1000;
  const modules = join(project, "node_modules");
  const compiled = readdirSync(modules, { recursive: true })
    .map(String)
    .filter((path) => path.endsWith("/build/config.gypi"));
  const drivers = OTHER_DRIVERS.filter((name) => existsSync(join(modules, name)));
  return { seconds, compiled, drivers };
}

export function runInstallBench({ runs = 2 } = {}) {
  const top = mkdtempSync(join(tmpdir(), "kpi-install-bench-"));
  try {
    const tarballs = join(top, "tarballs");
    mkdirSync(tarballs);
    const packStarted = performance.now();
    const packed = JSON.parse(
      npm(
        ["pack", "--json", "--pack-destination", tarballs, ...packagesOfTheCli().flatMap((p) => ["-w", p])],
        repo,
      ),
    );
    const packSeconds = (performance.now() - packStarted) / 1000;
    const file = (name) => `file:${join(tarballs, packed.find((p) => p.name === name)?.filename ?? "")}`;
    const manifest = {
      name: "my-kpis",
      private: true,
      devDependencies: { "@kpi-as-code/cli": file("@kpi-as-code/cli") },
      overrides: Object.fromEntries(
        packed.filter((p) => p.name !== "@kpi-as-code/cli").map((p) => [p.name, file(p.name)]),
      ),
    };
    const warmUp = installInto(join(top, "warm-up"), manifest);
    const timed = [];
    for (let run = 0; run < runs; run++) timed.push(installInto(join(top, `project-${run}`), manifest));
    const seconds = timed.map((t) => t.seconds).sort((a, b) => a - b);
    const median = seconds[Math.floor(seconds.length / 2)];
    const compiled = timed.flatMap((t) => t.compiled);
    const drivers = [...new Set(timed.flatMap((t) => t.drivers))];
    const verdict =
      median <= GOAL_SECONDS && compiled.length === 0 && drivers.length === 0 ? "met" : "MISSED";
    console.log(
      [
        `packing ${packed.length} packages: ${packSeconds.toFixed(1)} s; first install (warming the cache): ${warmUp.seconds.toFixed(1)} s`,
        `install from a warm cache: ${seconds.map((s) => s.toFixed(1)).join(", ")} s, median ${median.toFixed(1)} s; native compiles: ${compiled.length}; other drivers: ${drivers.join(", ") || "none"} (goal <= ${GOAL_SECONDS} s, none, none: ${verdict})`,
      ].join("\n"),
    );
    return { packSeconds, warmUpSeconds: warmUp.seconds, seconds, median, compiled, drivers };
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "2" } } });
  runInstallBench({ runs: Number(values.runs) });
}
