import { describe, expect, it } from "vitest";
import { runKpi, writeWorkspace } from "../cli/run-cli.js";
import { kpi, project } from "./repo.js";

/** `workspace/nested` sits on the nested kpi.yaml (file:line:column), reported by the workspace around it. */
interface JsonReport {
  summary: { files: number };
  diagnostics: { file: string; rule: string; line: number; column: number; message: string }[];
}

function nestedRepository(): string {
  return writeWorkspace({
    "org/kpi.yaml": project("org"),
    "org/shared.kpi.yaml": kpi("org"),
    "org/teams/growth/kpi.yaml": project("growth"),
    "org/teams/growth/shared.kpi.yaml": kpi("growth"),
  });
}

const nested = (report: JsonReport) =>
  report.diagnostics.filter((d) => d.rule === "workspace/nested").map((d) => [d.file, d.line, d.column]);

describe("workspace/nested in the CLI", () => {
  it("points at the nested kpi.yaml, relative to the outer workspace", () => {
    const result = runKpi(["validate", "--format", "json", "--dir", "org"], { cwd: nestedRepository() });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(nested(report)).toEqual([["teams/growth/kpi.yaml", 1, 1]]);
    // It names the workspace that owned the folder: the outer project.
    const [diagnostic] = report.diagnostics.filter((d) => d.rule === "workspace/nested");
    expect(diagnostic?.message).toContain('"org"');
  });

  it("from above both: once, in the outer workspace's section, the nested kpi.yaml counted once", () => {
    const root = nestedRepository();
    const json = JSON.parse(runKpi(["validate", "--format", "json"], { cwd: root }).stdout) as JsonReport;
    expect(nested(json)).toEqual([["org/teams/growth/kpi.yaml", 1, 1]]);
    expect(json.summary.files).toBe(4);
    const lines = runKpi(["validate"], { cwd: root }).stdout.split("\n");
    const at = lines.findIndex((line) =>
      line.startsWith("org/teams/growth/kpi.yaml:1:1 warning workspace/nested "),
    );
    expect(at).toBeGreaterThan(lines.indexOf("org:"));
    expect(at).toBeLessThan(lines.indexOf("org/teams/growth:"));
  });
});
