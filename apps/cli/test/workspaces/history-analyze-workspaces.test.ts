import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKpi, writeWorkspace } from "../cli/run-cli.js";
import { kpi, TWO_WORKSPACES } from "./repo.js";

/**
 * `kpi history` and `kpi analyze` from a folder with no kpi.yaml above it handle every workspace
 * below (issue #18); `explain`, `why` and `funnel` take one and say which ones they found.
 */
const TODAY = "2026-11-27";
const FOLDERS = ["teams/growth", "teams/support"];

/** Both workspaces, growth with a KPI of its own, each with its values recorded by `kpi run`. */
function recorded(): string {
  const root = writeWorkspace({ ...TWO_WORKSPACES, "teams/growth/only.kpi.yaml": kpi("growth", 3, "only") });
  const run = runKpi(["run", "--today", TODAY], { cwd: root });
  expect(run.status, run.stderr).toBe(0);
  return root;
}

/** The workspace headings (`teams/growth:`) of a command's text output, in order. */
const headings = (stdout: string) => stdout.split("\n").filter((line) => FOLDERS.includes(line.slice(0, -1)));

interface HistoryJson {
  kpi: string;
  records?: unknown[];
  workspaces?: { workspace: string; records: { kpi: string; value: number | null }[] }[];
}

describe("kpi history over several workspaces", () => {
  it("shows a section for each workspace holding the KPI", () => {
    const root = recorded();
    const text = runKpi(["history", "shared"], { cwd: root });
    expect(text.stderr).toBe("");
    expect(text.status).toBe(0);
    expect(headings(text.stdout)).toEqual(["teams/growth:", "teams/support:"]);
    const json = runKpi(["history", "shared", "--format", "json"], { cwd: root });
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as HistoryJson;
    expect(parsed.kpi).toBe("shared");
    expect(parsed.workspaces?.map((w) => w.workspace)).toEqual(FOLDERS);
    for (const workspace of parsed.workspaces ?? []) expect(workspace.records.length).toBeGreaterThan(0);
  });

  it("shows only the workspaces holding the KPI, still under the folder's name", () => {
    const root = recorded();
    const text = runKpi(["history", "only"], { cwd: root });
    expect(text.status).toBe(0);
    expect(headings(text.stdout)).toEqual(["teams/growth:"]);
    const json = JSON.parse(
      runKpi(["history", "only", "--format", "json"], { cwd: root }).stdout,
    ) as HistoryJson;
    expect(json.workspaces?.map((w) => w.workspace)).toEqual(["teams/growth"]);
  });

  it("exits 2 with one line for a KPI in no workspace", () => {
    const root = recorded();
    const result = runKpi(["history", "nowhere"], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^kpi: .*nowhere/);
  });

  it("keeps the one-workspace shape with --dir", () => {
    const root = recorded();
    const result = runKpi(["history", "shared", "--format", "json", "--dir", "teams/support"], { cwd: root });
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as HistoryJson;
    expect(json.workspaces).toBeUndefined();
    expect(json.records?.length).toBeGreaterThan(0);
  });
});

/** A goal with a leading and a lagging KPI in each workspace: one pair each. */
function paired(): string {
  const leading = (owner: string) =>
    kpi(owner, 3, "signups").replace("indicator: lagging", "indicator: leading");
  return writeWorkspace({
    ...TWO_WORKSPACES,
    "teams/growth/signups.kpi.yaml": leading("growth"),
    "teams/support/signups.kpi.yaml": leading("support"),
  });
}

interface AnalyzeJson {
  pairs?: unknown[];
  workspaces?: { workspace: string; pairs: { goal: string; leading: string; lagging: string }[] }[];
}

describe("kpi analyze over several workspaces", () => {
  it("analyses each workspace on its own, under its folder, and records each one's analysis", () => {
    const root = paired();
    const text = runKpi(["analyze", "--today", TODAY], { cwd: root });
    expect(text.stderr).toBe("");
    expect(text.status).toBe(0);
    expect(headings(text.stdout)).toEqual(["teams/growth:", "teams/support:"]);
    for (const folder of FOLDERS) expect(existsSync(join(root, folder, ".kpi/analysis.json"))).toBe(true);
  });

  it("groups the JSON by workspace, and keeps the one-workspace shape with --dir", () => {
    const root = paired();
    const result = runKpi(["analyze", "--today", TODAY, "--format", "json", "--no-record"], { cwd: root });
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as AnalyzeJson;
    expect(json.pairs).toBeUndefined();
    expect(
      json.workspaces?.map((w) => [w.workspace, w.pairs.map((p) => `${p.leading}->${p.lagging}`)]),
    ).toEqual([
      ["teams/growth", ["signups->shared"]],
      ["teams/support", ["signups->shared"]],
    ]);
    expect(existsSync(join(root, "teams/growth/.kpi/analysis.json"))).toBe(false);
    const one = runKpi(["analyze", "--today", TODAY, "--format", "json", "--dir", "teams/growth"], {
      cwd: root,
    });
    expect(one.status).toBe(0);
    const single = JSON.parse(one.stdout) as AnalyzeJson;
    expect(single.workspaces).toBeUndefined();
    expect(single.pairs).toHaveLength(1);
  });
});

describe("single-workspace commands from a folder holding several", () => {
  const commands = [["explain", "shared"], ["why", "shared"], ["funnel"]];

  it.each(commands)("kpi %s names the workspaces found and asks for --dir", (...args) => {
    const root = writeWorkspace({ ...TWO_WORKSPACES });
    const result = runKpi([...args, "--today", TODAY], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kpi: /);
    for (const folder of FOLDERS) expect(lines[0]).toContain(folder);
    expect(lines[0]).toContain("--dir");
  });

  it("explain and why work on the workspace --dir selects", () => {
    const root = writeWorkspace({ ...TWO_WORKSPACES });
    for (const command of ["explain", "why"]) {
      const result = runKpi([command, "shared", "--today", TODAY, "--dir", "teams/growth"], { cwd: root });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain("shared");
    }
  });
});
