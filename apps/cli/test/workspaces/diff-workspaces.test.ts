import { rmSync } from "node:fs";
import { join } from "node:path";
import { COMMENT_MARKER } from "@kpi-as-code/diff";
import { describe, expect, it } from "vitest";
import { runKpi, writeWorkspace } from "../cli/run-cli.js";
import { commitFiles, git, kpi, project, twoWorkspaces } from "./repo.js";

/** `kpi diff` from a folder with no kpi.yaml above it compares every workspace below (issue #18). */
interface GroupedDiff {
  base: string;
  head: string;
  workspaces: {
    workspace: string;
    workspaceChange: string;
    kpis: { id: string; change: string; file: string; risks: { id: string }[] }[];
    summary: { kpis: Record<string, number> };
  }[];
  summary: { kpis: Record<string, number> };
}

function diffJson(cwd: string, ...args: string[]): GroupedDiff {
  const result = runKpi(["diff", "--base", "base", "--format", "json", ...args], { cwd });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as GroupedDiff;
}

const kpisOf = (diff: GroupedDiff) =>
  diff.workspaces.flatMap((w) => w.kpis.map((k) => [w.workspace, k.id, k.change, k.file]));

describe("kpi diff over several workspaces", () => {
  it("groups the changes by workspace; the same KPI id in two workspaces is two KPIs", () => {
    const repo = twoWorkspaces();
    writeWorkspace({ "teams/support/shared.kpi.yaml": kpi("support", 2) }, repo);
    const diff = diffJson(repo);
    expect(diff.workspaces.map((w) => [w.workspace, w.workspaceChange])).toEqual([
      ["teams/growth", "kept"],
      ["teams/support", "kept"],
    ]);
    // Paths relative to the folder the command ran in.
    expect(kpisOf(diff)).toEqual([["teams/support", "shared", "changed", "teams/support/shared.kpi.yaml"]]);
    const support = diff.workspaces[1]?.kpis[0]?.risks.map((risk) => risk.id);
    expect(support).toEqual(expect.arrayContaining(["target-eased", "version-not-bumped"]));
    expect(diff.summary.kpis.changed).toBe(1);
  });

  it("counts a workspace the change added or removed, between commits too", () => {
    const repo = twoWorkspaces();
    commitFiles(
      repo,
      {
        "teams/growth": null,
        "teams/ops/kpi.yaml": project("ops"),
        "teams/ops/shared.kpi.yaml": kpi("ops"),
      },
      "growth leaves, ops arrives",
    );
    for (const diff of [diffJson(repo), diffJson(repo, "--head", "HEAD")]) {
      expect(diff.workspaces.map((w) => [w.workspace, w.workspaceChange])).toEqual([
        ["teams/growth", "removed"],
        ["teams/ops", "added"],
        ["teams/support", "kept"],
      ]);
      expect(kpisOf(diff)).toEqual([
        ["teams/growth", "shared", "removed", "teams/growth/shared.kpi.yaml"],
        ["teams/ops", "shared", "added", "teams/ops/shared.kpi.yaml"],
      ]);
    }
  });

  it("writes one comment with a section per workspace and one marker", () => {
    const repo = twoWorkspaces();
    writeWorkspace(
      {
        "teams/support/shared.kpi.yaml": kpi("support", 2),
        "teams/growth/shared.kpi.yaml": kpi("growth", 5),
      },
      repo,
    );
    const result = runKpi(["diff", "--base", "base"], { cwd: repo });
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.filter((line) => line.startsWith("### "))).toEqual([
      "### Workspace `teams/growth`",
      "### Workspace `teams/support`",
    ]);
    expect(lines.filter((line) => line === COMMENT_MARKER)).toHaveLength(1);
    const growth = result.stdout.indexOf("`teams/growth/shared.kpi.yaml`");
    const support = result.stdout.indexOf("`teams/support/shared.kpi.yaml`");
    expect(growth).toBeGreaterThan(result.stdout.indexOf("### Workspace `teams/growth`"));
    expect(support).toBeGreaterThan(result.stdout.indexOf("### Workspace `teams/support`"));
  });

  it("gives paths relative to a subfolder it runs in", () => {
    const repo = twoWorkspaces();
    writeWorkspace({ "teams/growth/shared.kpi.yaml": kpi("growth", 5) }, repo);
    const diff = diffJson(join(repo, "teams"));
    expect(kpisOf(diff)).toEqual([["growth", "shared", "changed", "growth/shared.kpi.yaml"]]);
  });

  it("keeps the grouped shape for one workspace found below, so a second one changes nothing for scripts", () => {
    const repo = twoWorkspaces();
    commitFiles(repo, { "teams/support": null }, "only growth");
    git(repo, "tag", "-f", "base");
    writeWorkspace({ "teams/growth/shared.kpi.yaml": kpi("growth", 5) }, repo);
    const diff = diffJson(repo);
    expect(kpisOf(diff)).toEqual([["teams/growth", "shared", "changed", "teams/growth/shared.kpi.yaml"]]);
  });

  it("still compares only the workspace --dir selects, in the one-workspace shape", () => {
    const repo = twoWorkspaces();
    writeWorkspace({ "teams/support/shared.kpi.yaml": kpi("support", 2) }, repo);
    const result = runKpi(["diff", "--base", "base", "--format", "json", "--dir", "teams/growth"], {
      cwd: repo,
    });
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.stdout) as { workspaces?: unknown; kpis: unknown[] };
    expect(diff.workspaces).toBeUndefined();
    expect(diff.kpis).toEqual([]);
  });

  it("leaves a nested workspace's files out of the outer workspace at a commit, as on disk", () => {
    const repo = twoWorkspaces();
    commitFiles(repo, { "kpi.yaml": project("top") }, "a workspace at the top");
    git(repo, "tag", "-f", "base");
    writeWorkspace({ "teams/growth/shared.kpi.yaml": kpi("growth", 5) }, repo);
    const outer = runKpi(["diff", "--base", "base", "--format", "json"], { cwd: repo });
    expect((JSON.parse(outer.stdout) as { kpis: unknown[] }).kpis).toEqual([]);
    rmSync(join(repo, "teams/growth/shared.kpi.yaml"));
    const viaHead = runKpi(["diff", "--base", "base", "--head", "HEAD", "--format", "json"], { cwd: repo });
    expect((JSON.parse(viaHead.stdout) as { kpis: unknown[] }).kpis).toEqual([]);
  });

  it("fails cleanly (exit 2) where no workspace is below and none above", () => {
    const repo = twoWorkspaces();
    writeWorkspace({ "docs/readme.md": "x\n" }, repo);
    const result = runKpi(["diff", "--base", "base"], { cwd: join(repo, "docs") });
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("kpi diff --values over several workspaces", () => {
  it("computes each workspace's KPI on its own data, though both have the same id", () => {
    const repo = twoWorkspaces();
    // A snapshot count (no time column): the same value whatever today is.
    const snapshot = (owner: string, formula: string) =>
      kpi(owner).replace("formula: n", `formula: ${formula}`).replace(", time: signed_up_at", "");
    commitFiles(
      repo,
      {
        "teams/growth/shared.kpi.yaml": snapshot("growth", "n"),
        "teams/support/shared.kpi.yaml": snapshot("support", "n"),
        "teams/support/data/users.csv": "id,signed_up_at\n1,2026-10-03\n2,2026-10-20\n3,2026-10-21\n",
      },
      "snapshots",
    );
    git(repo, "tag", "-f", "base");
    writeWorkspace(
      {
        "teams/growth/shared.kpi.yaml": snapshot("growth", "n * 2"),
        "teams/support/shared.kpi.yaml": snapshot("support", "n * 2"),
      },
      repo,
    );
    const result = runKpi(["diff", "--base", "base", "--values", "--format", "json"], { cwd: repo });
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.stdout) as {
      workspaces: { workspace: string; kpis: { id: string; values?: { before: string; after: string } }[] }[];
    };
    expect(
      diff.workspaces.map((w) => [w.workspace, w.kpis[0]?.values?.before, w.kpis[0]?.values?.after]),
    ).toEqual([
      ["teams/growth", "2", "4"],
      ["teams/support", "3", "6"],
    ]);
  });
});
