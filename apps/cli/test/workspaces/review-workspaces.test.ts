import { describe, expect, it } from "vitest";
import { runKpi, writeWorkspace } from "../cli/run-cli.js";
import { kpi, TWO_WORKSPACES } from "./repo.js";

/** `kpi review` from a folder with no kpi.yaml above it: one agenda grouped by workspace (issue #18). */
const TODAY = "2026-11-27";
const REVIEW = "review: { every: month, next: 2026-11-20 }\n";

function workspaces(files: Record<string, string> = {}): string {
  return writeWorkspace({
    ...TWO_WORKSPACES,
    "teams/growth/shared.kpi.yaml": kpi("growth") + REVIEW,
    "teams/support/shared.kpi.yaml": kpi("support") + REVIEW,
    ...files,
  });
}

const headings = (markdown: string, level: string) =>
  markdown.split("\n").filter((line) => line.startsWith(`${level} `));

interface ReviewJson {
  today: string;
  due?: { kpi: string; owner: string }[];
  workspaces?: {
    workspace: string;
    today?: string;
    due?: { kpi: string; owner: string }[];
    error?: string;
  }[];
}

describe("kpi review over several workspaces", () => {
  it("writes one markdown agenda with a section per workspace, its KPIs one level down", () => {
    const root = workspaces();
    const result = runKpi(["review", "--today", TODAY], { cwd: root });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(headings(result.stdout, "#")).toHaveLength(1);
    expect(headings(result.stdout, "##")).toEqual([
      "## Workspace `teams/growth`",
      "## Workspace `teams/support`",
    ]);
    // The same KPI id in both workspaces is two KPIs: one section each, in its workspace's part.
    const sections = headings(result.stdout, "###");
    expect(sections).toHaveLength(2);
    expect(sections.every((line) => line.includes("`shared`"))).toBe(true);
    const support = result.stdout.indexOf("## Workspace `teams/support`");
    expect(result.stdout.indexOf("### ")).toBeLessThan(support);
    expect(result.stdout.lastIndexOf("### ")).toBeGreaterThan(support);
  });

  it("groups the JSON by workspace, each with the spec's agenda", () => {
    const root = workspaces();
    const result = runKpi(["review", "--today", TODAY, "--format", "json"], { cwd: root });
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as ReviewJson;
    expect(json.today).toBe(TODAY);
    expect(json.due).toBeUndefined();
    expect(
      json.workspaces?.map((w) => ({ workspace: w.workspace, due: w.due?.map((d) => [d.kpi, d.owner]) })),
    ).toEqual([
      { workspace: "teams/growth", due: [["shared", "growth"]] },
      { workspace: "teams/support", due: [["shared", "support"]] },
    ]);
  });

  it("keeps the one-workspace shape for the workspace --dir selects", () => {
    const root = workspaces();
    const json = runKpi(["review", "--today", TODAY, "--format", "json", "--dir", "teams/support"], {
      cwd: root,
    });
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as ReviewJson;
    expect(parsed.workspaces).toBeUndefined();
    expect(parsed.due?.map((d) => d.owner)).toEqual(["support"]);
    const markdown = runKpi(["review", "--today", TODAY, "--dir", "teams/support"], { cwd: root });
    expect(headings(markdown.stdout, "##").filter((line) => line.startsWith("## Workspace"))).toEqual([]);
  });

  it("filters by an owner declared in one workspace, and refuses one declared in none", () => {
    const root = workspaces();
    const result = runKpi(["review", "--today", TODAY, "--format", "json", "--owner", "growth"], {
      cwd: root,
    });
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as ReviewJson;
    expect(json.workspaces?.map((w) => w.due?.length)).toEqual([1, 0]);
    const unknown = runKpi(["review", "--today", TODAY, "--owner", "nobody"], { cwd: root });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toMatch(/^kpi: .*nobody/);
    expect(unknown.stderr).not.toMatch(/^\s+at /m);
  });

  it("names each workspace relative to the folder the command ran in", () => {
    const root = workspaces();
    const result = runKpi(["review", "--today", TODAY], { cwd: `${root}/teams` });
    expect(result.status).toBe(0);
    expect(headings(result.stdout, "##")).toEqual(["## Workspace `growth`", "## Workspace `support`"]);
  });
});
