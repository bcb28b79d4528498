import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runKpi, writeWorkspace } from "../cli/run-cli.js";
import { validateWithMultitool } from "../formats/multitool.js";
import { kpi, twoWorkspaces } from "./repo.js";

/** Code scanning over several workspaces: one run whose URIs GitHub resolves against the repository root. */
interface Sarif {
  runs: {
    originalUriBaseIds: Record<string, { uri: string }>;
    artifacts: { location: { uri: string; uriBaseId: string } }[];
    results: {
      ruleId: string;
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number; startColumn: number };
        };
      }[];
    }[];
  }[];
}

function sarifFrom(cwd: string): Sarif {
  const result = runKpi(["validate", "--format", "sarif", "--today", "2026-11-27"], { cwd });
  expect(result.status).toBe(1);
  return JSON.parse(result.stdout) as Sarif;
}

describe("SARIF over several workspaces", () => {
  it("is one valid run holding each workspace's files at their repository paths", {
    timeout: 120_000,
  }, async () => {
    const repo = twoWorkspaces();
    // An owner support declares but growth does not: unknown in growth only.
    writeWorkspace({ "teams/growth/shared.kpi.yaml": kpi("support") }, repo);
    const fromTop = sarifFrom(repo);
    const fromTeams = sarifFrom(join(repo, "teams"));
    for (const sarif of [fromTop, fromTeams]) {
      expect(sarif.runs).toHaveLength(1);
      const run = sarif.runs[0] as Sarif["runs"][number];
      const root = run.originalUriBaseIds["%SRCROOT%"]?.uri ?? "";
      expect(fileURLToPath(root)).toBe(`${repo}/`);
      const uris = run.artifacts.map((artifact) => artifact.location.uri);
      expect(uris).toEqual(
        expect.arrayContaining([
          "teams/growth/kpi.yaml",
          "teams/growth/shared.kpi.yaml",
          "teams/support/kpi.yaml",
          "teams/support/shared.kpi.yaml",
        ]),
      );
      for (const uri of uris) expect(existsSync(join(repo, uri))).toBe(true);
      const found = run.results.map((r) => {
        const location = r.locations[0]?.physicalLocation;
        return [r.ruleId, location?.artifactLocation.uri, location?.region.startLine];
      });
      expect(found).toContainEqual(["ownership/unknown-owner", "teams/growth/shared.kpi.yaml", 5]);
      const inSupport = found.filter(
        ([rule, uri]) => rule === "ownership/unknown-owner" && String(uri).startsWith("teams/support/"),
      );
      expect(inSupport).toEqual([]);
    }
    const verdict = await validateWithMultitool({
      top: JSON.stringify(fromTop),
      teams: JSON.stringify(fromTeams),
    });
    expect(verdict.executionSuccessful).toBe(true);
    expect(verdict.findings.filter((finding) => finding.level !== "note")).toEqual([]);
  });
});
