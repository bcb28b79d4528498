import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver-types";
import { buildServer, codes, LspProcess, removeWorkspace, writeWorkspace } from "./support/lsp-process.js";
import { CHURN_FILE, FILES, kpiText, PROJECT } from "./support/workspace.js";

const unknownGoal = (list: Diagnostic[]) => codes(list).includes("alignment/unknown-goal");

describe("a client that cannot register file watchers", () => {
  let root: string;
  let lsp: LspProcess;
  beforeAll(async () => {
    buildServer();
    root = writeWorkspace(FILES);
    lsp = new LspProcess(root);
    await lsp.initialize({ debounceMs: 0, today: "2026-11-27" }, false);
  }, 120_000);
  afterAll(async () => {
    // Undefined when the build in beforeAll failed: its error is the one to read.
    await lsp?.stop();
    if (root) removeWorkspace(root);
  });

  it("still sees files change on disk (the server watches them itself)", async () => {
    await lsp.logged("kpi: watching"); // the server's watcher is ready: a change now is seen
    writeFileSync(join(root, CHURN_FILE), kpiText("churn", "no_such_goal"));
    // (A watcher may see the file while it is being written: wait for its whole text.)
    expect(codes(await lsp.diagnosticsFor(CHURN_FILE, unknownGoal))).toEqual(["alignment/unknown-goal"]);
    rmSync(join(root, CHURN_FILE));
    expect(await lsp.diagnosticsFor(CHURN_FILE, (list) => list.length === 0)).toEqual([]);
  }, 60_000);

  it("sees a kpi.yaml created and deleted below (a workspace of its own, then gone)", async () => {
    await lsp.logged("kpi: watching");
    const team = "teams/growth/signups.kpi.yaml";
    mkdirSync(join(root, "teams/growth"), { recursive: true });
    writeFileSync(join(root, "teams/growth/kpi.yaml"), PROJECT.replace(/grow_active_customers/g, "signups"));
    // Its files belong to the new workspace, whose goal they name; the outer one reports it as nested.
    expect(
      codes(
        await lsp.diagnosticsFor("teams/growth/kpi.yaml", (list) => codes(list).includes("workspace/nested")),
      ),
    ).toContain("workspace/nested");
    writeFileSync(join(root, team), kpiText("signups", "grow_active_customers"));
    // (Again: wait for the file's whole text.)
    expect(codes(await lsp.diagnosticsFor(team, unknownGoal))).toEqual(["alignment/unknown-goal"]);
    rmSync(join(root, "teams/growth/kpi.yaml"));
    expect(await lsp.diagnosticsFor("teams/growth/kpi.yaml", (list) => list.length === 0)).toEqual([]);
    expect(
      codes(await lsp.diagnosticsFor(team, (list) => !codes(list).includes("alignment/unknown-goal"))),
    ).not.toContain("alignment/unknown-goal");
  }, 60_000);
});
