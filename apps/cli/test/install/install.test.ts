import { execFileSync, spawnSync } from "node:child_process";
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
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * A user's install, outside this repository: every package packed as npm would publish it, the CLI
 * installed into a fresh folder with the others resolved from their tarballs (npm `overrides`), then
 * `kpi init`, `kpi validate` and `kpi run` there. A DuckDB-only workspace installs no other driver
 * and compiles nothing; a SQLite source without its connector says which package to install.
 */
const REPO = resolve(import.meta.dirname, "../../../..");
/** The CLI and every package of this repository it depends on, directly or not (peers included). */
function packagesOfTheCli(): string[] {
  const folders = new Map<string, string>();
  for (const group of ["packages", "apps"]) {
    for (const name of readdirSync(join(REPO, group))) {
      const manifest = join(REPO, group, name, "package.json");
      if (existsSync(manifest))
        folders.set(JSON.parse(readFileSync(manifest, "utf8")).name, `${group}/${name}`);
    }
  }
  const found = new Set<string>();
  const visit = (name: string) => {
    const folder = folders.get(name);
    if (!folder || found.has(folder)) return;
    found.add(folder);
    const manifest = JSON.parse(readFileSync(join(REPO, folder, "package.json"), "utf8"));
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) visit(dep);
  };
  visit("@kpi-as-code/cli");
  return [...found];
}
const PACKAGES = packagesOfTheCli();

let top: string;
let project: string;

function npm(args: string[], cwd: string): string {
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
    timeout: 300_000,
  });
}

function kpi(args: string[]) {
  return spawnSync(join(project, "node_modules", ".bin", "kpi"), args, {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
}

beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), "kpi-install-"));
  const tarballs = join(top, "tarballs");
  project = join(top, "project");
  mkdirSync(tarballs);
  mkdirSync(project);
  const packed = JSON.parse(
    npm(["pack", "--json", "--pack-destination", tarballs, ...PACKAGES.flatMap((p) => ["-w", p])], REPO),
  ) as { name: string; filename: string }[];
  const file = (name: string) =>
    `file:${join(tarballs, packed.find((p) => p.name === name)?.filename ?? "")}`;
  const overrides = Object.fromEntries(
    packed.filter((p) => p.name !== "@kpi-as-code/cli").map((p) => [p.name, file(p.name)]),
  );
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify(
      {
        name: "my-kpis",
        private: true,
        devDependencies: { "@kpi-as-code/cli": file("@kpi-as-code/cli") },
        overrides,
      },
      null,
      2,
    ),
  );
  npm(["install", "--prefer-offline", "--no-audit", "--no-fund"], project);
}, 300_000);

afterAll(() => rmSync(top, { recursive: true, force: true }));

describe("installing the CLI in a repository of one's own", () => {
  it("installs no driver but DuckDB's, and nothing compiled from source", () => {
    const modules = join(project, "node_modules");
    for (const driver of [
      "better-sqlite3",
      "pg",
      "mysql2",
      "@clickhouse/client",
      "@kpi-as-code/connector-sqlite",
      "@kpi-as-code/connector-clickhouse",
    ]) {
      expect(existsSync(join(modules, driver)), driver).toBe(false);
    }
    expect(existsSync(join(modules, "@duckdb", "node-api"))).toBe(true);
    // A native compile leaves a build/ folder (node-gyp); prebuilt binaries come from packages.
    const built = readdirSync(modules, { recursive: true })
      .map(String)
      .filter((path) => path.endsWith("/build/config.gypi"));
    expect(built).toEqual([]);
  });

  it("runs kpi init, kpi validate and kpi run", () => {
    expect(kpi(["init", "kpis"]).status).toBe(0);
    const validate = kpi(["validate", "--dir", "kpis"]);
    expect(validate.status, validate.stdout + validate.stderr).toBe(0);
    const run = kpi(["run", "--dir", "kpis", "--format", "json", "--no-record"]);
    const results = JSON.parse(run.stdout).results as { value: number | null; status: string }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.status !== "error")).toBe(true);
  });

  it("says which package to install for a SQLite source, and exits 2", () => {
    const dir = join(project, "crm");
    mkdirSync(dir);
    writeFileSync(
      join(dir, "kpi.yaml"),
      "project: crm\nowners:\n  sales: { name: Sales }\ngoals:\n  grow: { statement: Grow }\nsources:\n  crm: { type: sqlite, path: crm.sqlite }\npolicy:\n  core_kpis: { min: 0, max: 7 }\n  balance: off\n",
    );
    writeFileSync(
      join(dir, "deals.kpi.yaml"),
      "kpi: deals\nversion: 1\nname: Deals\ndescription: Deals won.\nowner: sales\ngoal: grow\nindicator: lagging\nunit: count\ndirection: increase\ncadence: monthly\nformula: won\nmeasures:\n  won: { source: crm, from: deals, aggregate: count }\n",
    );
    expect(kpi(["validate", "--dir", "crm"]).status).not.toBe(2);
    const run = kpi(["run", "--dir", "crm", "--no-record"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("npm install -D @kpi-as-code/connector-sqlite");
  });
});
