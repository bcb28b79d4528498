import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKpi, tempDir, writeWorkspace } from "../cli/run-cli.js";
import { commit, diffJson, git, kpiText, PROJECT, repository } from "./git-repo.js";

const KPI_FILE = "activation/first_week_activation.kpi.yaml";

describe("kpi diff", () => {
  it("renders a lowered target and an un-bumped formula change (the PR comment), and validate --base agrees", async () => {
    const { repo, root } = repository();
    commit(repo, { "kpi.yaml": PROJECT, [KPI_FILE]: kpiText() }, "base");
    git(repo, "tag", "base");
    writeWorkspace({ [KPI_FILE]: kpiText({ shortTerm: 0.27, formula: "activated / visits" }) }, root);

    const result = runKpi(["diff", "--base", "base", "--dir", root]);
    expect(result.status).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot("./snapshots/lowered-target.md");

    const validate = runKpi([
      "validate",
      "--base",
      "base",
      "--dir",
      root,
      "--format",
      "json",
      "--today",
      "2026-11-27",
    ]);
    expect(validate.status).toBe(1);
    const rules = (JSON.parse(validate.stdout).diagnostics as { rule: string }[]).map((d) => d.rule);
    expect(rules).toContain("version/not-bumped");
  });

  it("follows a KPI across a rename and a move, and reports deletions", () => {
    const { repo, root } = repository();
    const other = kpiText({ id: "weekly_revenue", indicator: "lagging", core: false });
    commit(
      repo,
      { "kpi.yaml": PROJECT, [KPI_FILE]: kpiText(), "revenue/weekly_revenue.kpi.yaml": other },
      "base",
    );
    git(repo, "tag", "base");
    mkdirSync(join(root, "onboarding"));
    git(repo, "mv", `kpis/${KPI_FILE}`, "kpis/onboarding/first_week_activation.kpi.yaml");
    git(repo, "commit", "-qm", "move");
    const moved = diffJson(root, "--base", "base", "--head", "HEAD");
    expect(moved.kpis).toEqual([
      expect.objectContaining({
        id: "first_week_activation",
        change: "moved",
        file: "onboarding/first_week_activation.kpi.yaml",
        previousFile: KPI_FILE,
      }),
    ]);

    commit(repo, { "revenue/weekly_revenue.kpi.yaml": null }, "delete the lagging KPI");
    const deleted = diffJson(root, "--base", "base", "--head", "HEAD");
    expect(deleted.kpis.map((kpi) => [kpi.id, kpi.change])).toEqual([
      ["first_week_activation", "moved"],
      ["weekly_revenue", "removed"],
    ]);
    // The goal kept only a leading KPI.
    expect(deleted.goals.map((goal) => [goal.id, goal.risks.map((risk) => risk.id)])).toEqual([
      ["grow_active_customers", ["goal-unbalanced"]],
    ]);
  });

  it("reports changes of kpi.yaml: goal added and removed, owner renamed", () => {
    const { repo, root } = repository();
    commit(repo, { "kpi.yaml": PROJECT, [KPI_FILE]: kpiText() }, "base");
    const renamed = PROJECT.replace("  growth: {", "  marketing: {")
      .replace("    owner: growth\n", "    owner: marketing\n")
      .replace("sources:", "  retain_customers:\n    statement: Keep monthly churn at or below 5%\nsources:");
    writeWorkspace({ "kpi.yaml": renamed, [KPI_FILE]: kpiText({ owner: "marketing" }) }, root);
    const diff = diffJson(root, "--base", "HEAD");
    expect(diff.owners).toEqual([
      expect.objectContaining({ id: "marketing", change: "renamed", previousId: "growth" }),
    ]);
    expect(diff.goals.map((goal) => [goal.id, goal.change])).toEqual([
      ["grow_active_customers", "changed"],
      ["retain_customers", "added"],
    ]);
    expect(diff.kpis[0]?.fields.map((field) => [field.field, field.before, field.after])).toEqual([
      ["owner", "growth", "marketing"],
    ]);

    writeWorkspace({ "kpi.yaml": PROJECT.replace(/ {2}grow_active_customers:\n(?: {4}.*\n)+/, "") }, root);
    const removed = diffJson(root, "--base", "HEAD");
    expect(removed.goals.map((goal) => [goal.id, goal.change])).toEqual([
      ["grow_active_customers", "removed"],
    ]);
  });

  it("reads the working tree: staged, unstaged and untracked files alike", () => {
    const { repo, root } = repository();
    commit(repo, { "kpi.yaml": PROJECT, [KPI_FILE]: kpiText() }, "base");
    writeWorkspace({ [KPI_FILE]: kpiText({ version: 4 }) }, root);
    git(repo, "add", ".");
    writeWorkspace({ "new/weekly_revenue.kpi.yaml": kpiText({ id: "weekly_revenue", core: false }) }, root);
    const diff = diffJson(root, "--base", "HEAD");
    expect(diff.kpis.map((kpi) => [kpi.id, kpi.change])).toEqual([
      ["first_week_activation", "changed"],
      ["weekly_revenue", "added"],
    ]);
  });

  it("takes merge commits as head and as base", () => {
    const { repo, root } = repository();
    commit(repo, { "kpi.yaml": PROJECT, [KPI_FILE]: kpiText() }, "base");
    git(repo, "checkout", "-qb", "feature");
    commit(repo, { [KPI_FILE]: kpiText({ version: 4, shortTerm: 0.35 }) }, "raise the target");
    git(repo, "checkout", "-q", "main");
    commit(repo, { "other/weekly_revenue.kpi.yaml": kpiText({ id: "weekly_revenue", core: false }) }, "add");
    git(repo, "merge", "-q", "--no-ff", "-m", "merge feature", "feature");

    const intoMain = diffJson(root, "--base", "HEAD^1", "--head", "HEAD");
    expect(intoMain.kpis.map((kpi) => [kpi.id, kpi.change])).toEqual([["first_week_activation", "changed"]]);
    expect(intoMain).toMatchObject({ base: "HEAD^1", head: "HEAD" });
    const sinceMerge = diffJson(root, "--base", "HEAD");
    expect(sinceMerge.kpis).toEqual([]);
  });

  it("treats a base without kpi.yaml as an empty workspace", () => {
    const { repo, root } = repository();
    writeFileSync(join(repo, "README.md"), "before KPIs\n");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "readme");
    commit(repo, { "kpi.yaml": PROJECT, [KPI_FILE]: kpiText() }, "add KPIs");
    const diff = diffJson(root, "--base", "HEAD~1");
    expect(diff.summary.kpis).toEqual({ added: 1, removed: 0, changed: 0, moved: 0 });
    expect(diff.goals.map((goal) => goal.change)).toEqual(["added"]);
  });

  it("exits 2 for a revision that does not exist and outside a git repository", () => {
    const { repo, root } = repository();
    commit(repo, { "kpi.yaml": PROJECT }, "base");
    const missing = runKpi(["diff", "--dir", root, "--base", "no-such-branch"]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("no-such-branch");

    const outside = writeWorkspace({ "kpi.yaml": PROJECT }, tempDir("kpi-nogit-"));
    const noRepo = runKpi(["diff", "--dir", outside, "--base", "main"]);
    expect(noRepo.status).toBe(2);
    expect(noRepo.stdout).toBe("");

    expect(runKpi(["diff", "--dir", root]).status).toBe(2);
    expect(runKpi(["diff", "--dir", root, "--base", "HEAD", "--format", "xml"]).status).toBe(2);
  });
});
