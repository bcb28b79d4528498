import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, codes, LspProcess, removeWorkspace, writeWorkspace } from "./support/lsp-process.js";
import { CHURN_FILE, FILES, kpiText } from "./support/workspace.js";

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
    expect(codes(await lsp.diagnosticsFor(CHURN_FILE, (list) => list.length > 0))).toEqual([
      "alignment/unknown-goal",
    ]);
    rmSync(join(root, CHURN_FILE));
    expect(await lsp.diagnosticsFor(CHURN_FILE, (list) => list.length === 0)).toEqual([]);
  }, 60_000);
});
