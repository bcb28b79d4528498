import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKpi, tempDir, writeWorkspace } from "./run-cli.js";

const PROJECT = `project: test
owners: { growth: { name: Growth } }
goals: { grow: { statement: Grow } }
sources: { app: { type: duckdb, tables: { users: data/users.csv } } }
policy: { core_kpis: { min: 0, max: 7 }, balance: off }
`;

const kpi = (version: number, formula: string) => `kpi: activation
version: ${version}
name: Activation
description: A test KPI
owner: growth
goal: grow
indicator: leading
unit: ratio
direction: increase
cadence: monthly
formula: ${formula}
measures:
  a: { source: app, from: users, aggregate: count, where: active }
  b: { source: app, from: users, aggregate: count }
  c: { source: app, from: users, aggregate: count, where: paying }
target:
  short_term: { value: 0.3, by: 2027-03-31 }
  mid_term: { value: 0.4, by: 2027-09-30 }
`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" });
}

/** A repository whose workspace lives in `kpis/`, with one commit tagged `base`. */
function repository(): { repo: string; root: string } {
  const repo = tempDir("kpi-git-");
  git(repo, "init", "-q", "-b", "main");
  git(repo, "config", "user.email", "test@example.com");
  git(repo, "config", "user.name", "Test");
  const root = join(repo, "kpis");
  writeWorkspace({ "kpi.yaml": PROJECT, "activation.kpi.yaml": kpi(3, "a / b + 0 * c") }, root);
  git(repo, "add", ".");
  git(repo, "commit", "-qm", "base");
  git(repo, "tag", "base");
  return { repo, root };
}

function versionDiagnostics(root: string, ref = "base") {
  const result = runKpi([
    "validate",
    "--dir",
    root,
    "--base",
    ref,
    "--format",
    "json",
    "--today",
    "2026-11-27",
  ]);
  const diagnostics = JSON.parse(result.stdout).diagnostics as {
    rule: string;
    line: number;
    column: number;
  }[];
  return { status: result.status, version: diagnostics.filter((d) => d.rule.startsWith("version/")) };
}

describe("kpi validate --base", () => {
  it("reports version/not-bumped on the version when the formula changed", () => {
    const { root } = repository();
    writeWorkspace({ "activation.kpi.yaml": kpi(3, "c / b + 0 * a") }, root);
    const { status, version } = versionDiagnostics(root);
    expect(status).toBe(1);
    expect(version).toEqual([expect.objectContaining({ rule: "version/not-bumped", line: 2, column: 10 })]);
  });

  it("accepts a changed meaning with a bumped version, and an unchanged meaning without one", () => {
    const { root } = repository();
    writeWorkspace({ "activation.kpi.yaml": kpi(4, "c / b + 0 * a") }, root);
    expect(versionDiagnostics(root)).toEqual({ status: 0, version: [] });
    writeWorkspace(
      { "activation.kpi.yaml": kpi(3, "a / b + 0 * c").replace("name: Activation", "name: Activation rate") },
      root,
    );
    expect(versionDiagnostics(root)).toEqual({ status: 0, version: [] });
  });

  it("reports version/decreased", () => {
    const { root } = repository();
    writeWorkspace({ "activation.kpi.yaml": kpi(2, "a / b + 0 * c") }, root);
    expect(versionDiagnostics(root).version).toEqual([
      expect.objectContaining({ rule: "version/decreased", line: 2 }),
    ]);
  });

  it("matches KPIs by id when the file moved", () => {
    const { repo, root } = repository();
    git(repo, "mv", "kpis/activation.kpi.yaml", "kpis/moved.kpi.yaml");
    writeWorkspace({ "moved.kpi.yaml": kpi(3, "c / b + 0 * a") }, root);
    expect(versionDiagnostics(root).version).toEqual([
      expect.objectContaining({ rule: "version/not-bumped" }),
    ]);
  });

  it("exits 2 with a clear message for a revision that does not exist", () => {
    const { root } = repository();
    const result = runKpi(["validate", "--dir", root, "--base", "no-such-ref"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("no-such-ref");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("treats a base that lacks the workspace as having no KPIs", () => {
    const { repo, root } = repository();
    git(repo, "commit", "-q", "--allow-empty", "-m", "empty");
    const empty = tempDir("kpi-git-empty-");
    git(empty, "init", "-q");
    expect(versionDiagnostics(root, "HEAD")).toEqual({ status: 0, version: [] });
  });
});
