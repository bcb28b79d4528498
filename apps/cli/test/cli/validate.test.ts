import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";
import { runKpi, tempDir, writeWorkspace } from "./run-cli.js";

const PROJECT = `project: test
owners:
  growth: { name: Growth }
goals:
  grow:
    statement: Grow
    owner: growth
sources:
  app: { type: duckdb, tables: { users: data/users.csv } }
policy:
  core_kpis: { min: 0, max: 7 }
`;

const kpi = (id: string, extra = "") => `kpi: ${id}
version: 1
name: ${id}
description: A test KPI
owner: growth
goal: grow
indicator: ${id === "lead" ? "leading" : "lagging"}
unit: ratio
direction: increase
cadence: monthly
formula: a / b
measures:
  a: { source: app, from: users, aggregate: count, where: active }
  b: { source: app, from: users, aggregate: count }
target:
  short_term: { value: 0.3, by: 2027-03-31 }
  mid_term: { value: 0.4, by: 2027-09-30 }
${extra}`;

function cleanWorkspace(): string {
  return writeWorkspace({ "kpi.yaml": PROJECT, "lead.kpi.yaml": kpi("lead"), "lag.kpi.yaml": kpi("lag") });
}

describe("kpi validate", () => {
  it("exits 0 and reports no problems on a clean workspace", () => {
    const result = runKpi([
      "validate",
      "--dir",
      cleanWorkspace(),
      "--today",
      "2026-11-27",
      "--format",
      "json",
    ]);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.diagnostics).toEqual([]);
    expect(json.summary).toEqual({ files: 3, errors: 0, warnings: 0 });
  });

  it("exits 1 with rule ids and positions for errors", () => {
    const root = cleanWorkspace();
    writeWorkspace({ "lag.kpi.yaml": kpi("lag").replace("goal: grow", "goal: grwo") }, root);
    const result = runKpi(["validate", "--dir", root, "--today", "2026-11-27", "--format", "json"]);
    expect(result.status).toBe(1);
    const diagnostics = JSON.parse(result.stdout).diagnostics as { file: string; rule: string }[];
    const inKpi = diagnostics.filter((d) => d.file === "lag.kpi.yaml");
    expect(inKpi).toEqual([
      expect.objectContaining({
        rule: "alignment/unknown-goal",
        line: 6,
        column: 7,
        endLine: 6,
        endColumn: 11,
      }),
    ]);
  });

  it("prints file:line:col severity rule in the text format, without color when NO_COLOR is set", () => {
    const root = cleanWorkspace();
    writeWorkspace({ "lag.kpi.yaml": kpi("lag").replace("goal: grow", "goal: grwo") }, root);
    const result = runKpi(["validate", "--dir", root, "--today", "2026-11-27"]);
    expect(result.stdout).toMatch(/^lag\.kpi\.yaml:6:7 error alignment\/unknown-goal /m);
    expect(result.stdout).not.toContain("\u001b[");
    const colored = runKpi(["validate", "--dir", root, "--today", "2026-11-27"], {
      env: { NO_COLOR: "", FORCE_COLOR: "1" },
    });
    expect(colored.stdout).toContain("\u001b[");
  });

  it("fails on warnings only beyond --max-warnings", () => {
    const root = cleanWorkspace();
    writeWorkspace({ "lag.kpi.yaml": kpi("lag", "review: { every: month, next: 2026-01-01 }\n") }, root);
    const args = ["validate", "--dir", root, "--today", "2026-11-27"];
    expect(runKpi(args).status).toBe(0);
    expect(runKpi([...args, "--max-warnings", "1"]).status).toBe(0);
    expect(runKpi([...args, "--max-warnings", "0"]).status).toBe(1);
  });

  it("exits 2 with one clear line, no stack trace, when there is no workspace", () => {
    const result = runKpi(["validate", "--dir", tempDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 on bad arguments", () => {
    expect(runKpi(["validate", "--format", "yaml", "--dir", cleanWorkspace()]).status).toBe(2);
    expect(runKpi(["validate", "--today", "27.11.2026", "--dir", cleanWorkspace()]).status).toBe(2);
    expect(runKpi(["frobnicate"]).status).toBe(2);
  });

  it("finds the workspace upwards from the current folder", () => {
    const root = cleanWorkspace();
    writeWorkspace({ "sub/deeper/readme.txt": "x" }, root);
    const result = runKpi(["validate", "--format", "json", "--today", "2026-11-27"], {
      cwd: join(root, "sub/deeper"),
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).summary.files).toBe(3);
  });

  it("reports KPI files that have no kpi.yaml, with a position", () => {
    const root = writeWorkspace({ "lag.kpi.yaml": kpi("lag") });
    const result = runKpi(["validate", "--dir", root, "--format", "json", "--today", "2026-11-27"]);
    expect(result.status).toBe(1);
    const rules = JSON.parse(result.stdout).diagnostics.map(
      (d: { rule: string; line: number }) => `${d.rule}@${d.line}`,
    );
    expect(rules).toContain("schema@1");
  });

  it("links every rule in SARIF to its section of docs/rules.md", () => {
    const result = runKpi([
      "validate",
      "--dir",
      cleanWorkspace(),
      "--format",
      "sarif",
      "--today",
      "2026-11-27",
    ]);
    const rules = JSON.parse(result.stdout).runs[0].tool.driver.rules as { helpUri: string }[];
    const page = readFileSync(new URL("../../../../docs/rules.md", import.meta.url), "utf8");
    expect(rules).toHaveLength(RULES.length);
    for (const { helpUri } of rules) {
      expect(page).toContain(`<a id="${helpUri.split("#")[1]}"></a>`);
    }
  });

  it("reads a file as kpi run does: a Unicode space after a value is an error at its place", () => {
    const root = cleanWorkspace();
    // YAML trims only spaces and tabs: "grow\u00a0" is not the goal "grow", in validate as in run.
    writeWorkspace({ "lag.kpi.yaml": kpi("lag").replace("goal: grow", "goal: grow\u00a0") }, root);
    const result = runKpi(["validate", "--dir", root, "--today", "2026-11-27", "--format", "json"]);
    expect(result.status).toBe(1);
    const inKpi = (JSON.parse(result.stdout).diagnostics as { file: string }[]).filter(
      (d) => d.file === "lag.kpi.yaml",
    );
    expect(inKpi).toContainEqual(expect.objectContaining({ rule: "schema", line: 6, column: 7 }));
  });

  it("writes nothing into the workspace", () => {
    const root = cleanWorkspace();
    expect(runKpi(["validate", "--dir", root]).status).toBe(0);
    expect(existsSync(join(root, ".kpi"))).toBe(false);
  });

  it("prints --help and --version for every command", () => {
    for (const args of [
      ["--help"],
      ["--version"],
      ["validate", "--help"],
      ["validate", "--version"],
      ["init", "--help"],
    ]) {
      const result = runKpi(args);
      expect(result.status, args.join(" ")).toBe(0);
      expect(result.stdout.length).toBeGreaterThan(0);
    }
    const version = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
    expect(runKpi(["--version"]).stdout.trim()).toBe(version);
  });
});

describe("kpi init", () => {
  it("scaffolds a workspace that validates clean", () => {
    const root = join(tempDir(), "shop");
    expect(runKpi(["init", root]).status).toBe(0);
    const result = runKpi(["validate", "--dir", root, "--format", "json"]);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([]);
    expect(result.status).toBe(0);
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toMatch(/^\.kpi\/$/m);
  });

  it("refuses to overwrite an existing kpi.yaml without --force", () => {
    const root = cleanWorkspace();
    expect(runKpi(["init", root]).status).toBe(2);
    expect(readFileSync(join(root, "kpi.yaml"), "utf8")).toBe(PROJECT);
    expect(runKpi(["init", root, "--force"]).status).toBe(0);
  });
});
