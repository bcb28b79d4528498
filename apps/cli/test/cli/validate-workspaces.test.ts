import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { project } from "../workspaces/repo.js";
import { runKpi, writeWorkspace } from "./run-cli.js";

/** `kpi validate` from a folder with no kpi.yaml above it checks every workspace below (issue #18). */
const kpi = (owner: string) => `kpi: shared
version: 1
name: Shared
description: The same id in both workspaces
owner: ${owner}
goal: grow
indicator: leading
unit: count
direction: increase
cadence: monthly
formula: n
measures:
  n: { source: app, from: users, aggregate: count }
target:
  short_term: { value: 3, by: 2027-03-31 }
  mid_term: { value: 4, by: 2027-09-30 }
`;

function repository(): string {
  return writeWorkspace({
    "teams/support/kpi.yaml": project("support"),
    "teams/support/shared.kpi.yaml": kpi("support"),
    "teams/growth/kpi.yaml": project("growth"),
    // growth's KPI names support's owner: unknown in its own workspace, whatever support declares.
    "teams/growth/shared.kpi.yaml": kpi("support"),
  });
}

interface JsonReport {
  summary: { files: number };
  diagnostics: { file: string; rule: string; line: number }[];
}

describe("kpi validate over several workspaces", () => {
  it("checks every workspace below, paths relative to the folder it ran in, one exit code", () => {
    const result = runKpi(["validate", "--format", "json", "--today", "2026-11-27"], { cwd: repository() });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.summary.files).toBe(4);
    const found = report.diagnostics.map((d) => [d.file, d.rule, d.line]);
    expect(found).toContainEqual(["teams/growth/shared.kpi.yaml", "ownership/unknown-owner", 5]);
    expect(found.filter(([, rule]) => rule === "id/duplicate" || rule === "schema")).toEqual([]);
    expect(
      found.filter(
        ([file, rule]) => rule === "ownership/unknown-owner" && String(file).startsWith("teams/support"),
      ),
    ).toEqual([]);
    expect(result.status).toBe(1);
  });

  it("still checks only the one workspace --dir selects", () => {
    const root = repository();
    const result = runKpi(
      ["validate", "--format", "json", "--dir", "teams/support", "--today", "2026-11-27"],
      {
        cwd: root,
      },
    );
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.summary.files).toBe(2);
    expect(report.diagnostics.filter((d) => d.rule === "ownership/unknown-owner")).toEqual([]);
    expect(result.status).toBe(0);
  });

  it("gives one SARIF run that holds every workspace's files", () => {
    const root = repository();
    const result = runKpi(["validate", "--format", "sarif", "--today", "2026-11-27"], { cwd: join(root) });
    const sarif = JSON.parse(result.stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = sarif.runs.flatMap((run) =>
      run.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri),
    );
    expect(uris.some((uri) => uri?.endsWith("teams/growth/shared.kpi.yaml"))).toBe(true);
  });
});
