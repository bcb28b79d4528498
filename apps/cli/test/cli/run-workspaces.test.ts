import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { project, USERS, kpi as workspaceKpi } from "../workspaces/repo.js";
import { runKpi, writeWorkspace } from "./run-cli.js";

/** `kpi run` from a folder with no kpi.yaml above it runs every workspace below (issue #18). */
const kpi = (owner: string) => workspaceKpi(owner, 3, `users_${owner}`);

describe("kpi run over several workspaces", () => {
  it("runs each workspace below in turn under its folder's name, each with its own KPIs", () => {
    const root = writeWorkspace({
      "teams/support/kpi.yaml": project("support"),
      "teams/support/users_support.kpi.yaml": kpi("support"),
      "teams/support/data/users.csv": USERS,
      "teams/growth/kpi.yaml": project("growth"),
      "teams/growth/users_growth.kpi.yaml": kpi("growth"),
      "teams/growth/data/users.csv": USERS,
    });
    const result = runKpi(["run", "--no-record", "--today", "2026-11-27"], { cwd: root });
    expect(result.stderr).not.toContain("no kpi.yaml");
    const growth = result.stdout.indexOf("teams/growth:");
    const support = result.stdout.indexOf("teams/support:");
    expect(growth).toBeGreaterThanOrEqual(0);
    expect(support).toBeGreaterThan(growth);
    expect(result.stdout.indexOf("users_growth")).toBeGreaterThan(growth);
    expect(result.stdout.indexOf("users_support")).toBeGreaterThan(support);
    expect(result.status).toBe(0);
  });

  it("refuses --format json over several workspaces, naming --dir", () => {
    const root = writeWorkspace({
      "a/kpi.yaml": project("a"),
      "b/kpi.yaml": project("b"),
    });
    const result = runKpi(["run", "--no-record", "--format", "json"], { cwd: root });
    expect(result.stderr).toContain("--dir");
    expect(result.status).not.toBe(0);
  });
});

describe("kpi docs over several workspaces", () => {
  it("writes each workspace's pages into a subfolder named as its folder", () => {
    const root = writeWorkspace({
      "teams/support/kpi.yaml": project("support"),
      "teams/support/users_support.kpi.yaml": kpi("support"),
      "teams/growth/kpi.yaml": project("growth"),
      "teams/growth/users_growth.kpi.yaml": kpi("growth"),
    });
    const result = runKpi(["docs", "--out", "site"], { cwd: root });
    expect(result.status).toBe(0);
    const pages = (folder: string) =>
      readdirSync(join(root, "site", folder), { recursive: true }).map(String);
    expect(pages("teams/growth").some((page) => page.includes("users_growth"))).toBe(true);
    expect(pages("teams/growth").some((page) => page.includes("users_support"))).toBe(false);
    expect(pages("teams/support").some((page) => page.includes("users_support"))).toBe(true);
  });
});
