import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { findWorkspaces, listWorkspace, validateDirectory } from "@kpi-as-code/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIVATION_KPI, TODAY, VALID_PROJECT } from "../support/workspace-texts.js";

/** The nearest kpi.yaml upwards owns a file: one rule for the CLI, the editor, the runner and the diff. */
let top: string;

beforeEach(() => {
  top = realpathSync(mkdtempSync(join(tmpdir(), "kpi-nested-")));
});
afterEach(() => rmSync(top, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(dirname(join(top, file)), { recursive: true });
  writeFileSync(join(top, file), text);
}

describe("which workspace a file belongs to", () => {
  it("finds every workspace below a folder without kpi.yaml, nested ones included", () => {
    write("teams/support/kpi.yaml", VALID_PROJECT);
    write("teams/growth/kpi.yaml", VALID_PROJECT);
    write("teams/growth/emea/kpi.yaml", VALID_PROJECT);
    write("node_modules/pkg/kpi.yaml", VALID_PROJECT);
    write(".git/kpi.yaml", VALID_PROJECT);
    expect(findWorkspaces(top)).toEqual([
      join(top, "teams/growth"),
      join(top, "teams/growth/emea"),
      join(top, "teams/support"),
    ]);
  });

  it("never follows a link out of the folder searched", () => {
    write("outside/kpi.yaml", VALID_PROJECT);
    mkdirSync(join(top, "repo"));
    symlinkSync(join(top, "outside"), join(top, "repo/linked"));
    expect(findWorkspaces(join(top, "repo"))).toEqual([]);
  });

  it("stops listing a workspace at a nested one, whose files belong to it", () => {
    write("kpi.yaml", VALID_PROJECT);
    write("activation_rate.kpi.yaml", ACTIVATION_KPI);
    write("growth/kpi.yaml", VALID_PROJECT);
    write("growth/activation_rate.kpi.yaml", ACTIVATION_KPI);
    const outer = listWorkspace(top);
    expect(outer.files).toEqual(["activation_rate.kpi.yaml", "kpi.yaml"]);
    expect(outer.skipped.map((s) => [s.file, s.problem?.code])).toEqual([
      ["growth/kpi.yaml", "NESTED_WORKSPACE"],
    ]);
    expect(listWorkspace(join(top, "growth")).files).toEqual(["activation_rate.kpi.yaml", "kpi.yaml"]);
  });

  it("reports the nested workspace on the outer one, at its kpi.yaml, and no id/duplicate across the two", async () => {
    write("kpi.yaml", VALID_PROJECT);
    write("activation_rate.kpi.yaml", ACTIVATION_KPI);
    write("growth/kpi.yaml", VALID_PROJECT);
    write("growth/activation_rate.kpi.yaml", ACTIVATION_KPI);
    const { diagnostics } = await validateDirectory(top, { today: TODAY });
    const nested = diagnostics.filter((d) => d.rule === "workspace/nested");
    expect(nested.map((d) => [d.file, d.line, d.column])).toEqual([["growth/kpi.yaml", 1, 1]]);
    expect(diagnostics.filter((d) => d.rule === "id/duplicate" || d.rule === "file/unreadable")).toEqual([]);
  });
});
