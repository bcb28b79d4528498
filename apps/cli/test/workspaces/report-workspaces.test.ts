import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKpi, tempDir, writeWorkspace } from "../cli/run-cli.js";
import { kpi, project, TWO_WORKSPACES, USERS } from "./repo.js";

/** `kpi report` from a folder with no kpi.yaml above it writes a dashboard per workspace below (issue #18). */
const TODAY = "2026-11-27";
const MISSING = ["$", "{env:KPI_TEST_UNSET_URL}"].join("");

function workspaces(): string {
  return writeWorkspace({ ...TWO_WORKSPACES });
}

describe("kpi report over several workspaces", () => {
  it("writes report/<folder>.html for each workspace, each with its own KPIs' owner", () => {
    const root = workspaces();
    const result = runKpi(["report", "--today", TODAY], { cwd: root });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const growth = readFileSync(join(root, "report/teams/growth.html"), "utf8");
    const support = readFileSync(join(root, "report/teams/support.html"), "utf8");
    expect(growth).toContain("growth");
    expect(support).toContain("support");
    expect(existsSync(join(root, "report.html"))).toBe(false);
    // One line per workspace, under its folder's name.
    expect(result.stdout.indexOf("teams/support:")).toBeGreaterThan(result.stdout.indexOf("teams/growth:"));
    expect(result.stdout.match(/^Wrote /gm)).toHaveLength(2);
  });

  it("still writes one report for the workspace --dir selects", () => {
    const root = workspaces();
    const result = runKpi(["report", "--today", TODAY, "--dir", "teams/support", "--out", "one.html"], {
      cwd: root,
    });
    expect(result.status).toBe(0);
    expect(existsSync(join(root, "one.html"))).toBe(true);
    expect(existsSync(join(root, "one"))).toBe(false);
  });

  it("gives the worst exit code of the workspaces", () => {
    const root = workspaces();
    writeWorkspace(
      { "teams/support/kpi.yaml": project("support").replace("data/users.csv", "data/none.csv") },
      root,
    );
    const result = runKpi(["report", "--today", TODAY], { cwd: root });
    expect(result.status).toBe(2);
    expect(existsSync(join(root, "report/teams/growth.html"))).toBe(true);
  });
});

describe("kpi report's source notices", () => {
  it("prints a source's notice once, with the KPIs it affects, as kpi run does", () => {
    const root = writeWorkspace(
      {
        "kpi.yaml": project("growth").replace(
          "app: { type: duckdb, tables: { users: data/users.csv } }",
          `app: { type: duckdb, tables: { users: data/users.csv } }\n  warehouse: { type: postgres, url: "${MISSING}" }`,
        ),
        "shared.kpi.yaml": kpi("growth"),
        "remote.kpi.yaml": kpi("growth", 3, "remote").replace("source: app", "source: warehouse"),
        "data/users.csv": USERS,
      },
      tempDir(),
    );
    const env = { KPI_TEST_UNSET_URL: "" };
    const report = runKpi(["report", "--today", TODAY, "--out", "r.html"], { cwd: root, env });
    const run = runKpi(["run", "--no-record", "--today", TODAY], { cwd: root, env });
    const notices = (stderr: string) =>
      stderr.split("\n").filter((line) => line.includes("KPI_TEST_UNSET_URL"));
    expect(notices(report.stderr)).toHaveLength(1);
    expect(notices(report.stderr)).toEqual(notices(run.stderr));
    expect(notices(report.stderr)[0]).toContain("(KPIs: remote)");
    expect(report.status).toBe(run.status);
  });
});
