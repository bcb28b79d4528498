import { describe, expect, it } from "vitest";
import { runKpi, writeWorkspace } from "../cli/run-cli.js";
import { kpi, project } from "./repo.js";

/** `kpi validate`'s text output over several workspaces: a section per workspace, then the total. */
describe("kpi validate's text over several workspaces", () => {
  it("lists each workspace's problems under its folder, then one summary", () => {
    const root = writeWorkspace({
      "teams/growth/kpi.yaml": project("growth"),
      "teams/growth/shared.kpi.yaml": kpi("support"),
      "teams/support/kpi.yaml": project("support"),
      "teams/support/shared.kpi.yaml": kpi("support"),
    });
    const result = runKpi(["validate", "--today", "2026-11-27"], { cwd: root });
    expect(result.status).toBe(1);
    const lines = result.stdout.split("\n");
    const growth = lines.indexOf("teams/growth:");
    const support = lines.indexOf("teams/support:");
    expect(growth).toBeGreaterThanOrEqual(0);
    expect(support).toBeGreaterThan(growth);
    const problem = lines.findIndex((line) =>
      /^teams\/growth\/shared\.kpi\.yaml:5:\d+ error ownership\/unknown-owner /.test(line),
    );
    expect(problem).toBeGreaterThan(growth);
    expect(problem).toBeLessThan(support);
    // Each section ends in its own summary; the last line counts all files.
    const supportSection = lines.slice(support + 1, lines.indexOf("", support));
    expect(supportSection.filter((line) => line.includes("ownership/unknown-owner"))).toEqual([]);
    expect(supportSection.at(-1)).toMatch(/^[✔✖] .*2 files/);
    expect(lines.filter((line) => line !== "").at(-1)).toMatch(/^✖ .* in 4 files \(2 workspaces\)$/);
  });

  it("keeps the one-workspace text as it was", () => {
    const root = writeWorkspace({ "kpi.yaml": project("growth"), "shared.kpi.yaml": kpi("growth") });
    const result = runKpi(["validate", "--today", "2026-11-27"], { cwd: root });
    expect(result.stdout.split("\n").filter((line) => line.endsWith(":"))).toEqual([]);
    expect(result.status).toBe(0);
  });
});
