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
    await lsp.stop();
    removeWorkspace(root);
  });

  it("still sees files change on disk (the server watches them itself)", async () => {
    // The server's watcher gets ready in its own time: rewrite the file until the change is seen.
    const broken = kpiText("churn", "no_such_goal");
    const seen = lsp.diagnosticsFor(CHURN_FILE, (list) => list.length > 0, 40_000);
    let version = 0;
    const rewrite = setInterval(
      () => writeFileSync(join(root, CHURN_FILE), `${broken}# ${++version}\n`),
      1000,
    );
    try {
      expect(codes(await seen)).toEqual(["alignment/unknown-goal"]);
    } finally {
      clearInterval(rewrite);
    }
    rmSync(join(root, CHURN_FILE));
    expect(await lsp.diagnosticsFor(CHURN_FILE, (list) => list.length === 0)).toEqual([]);
  }, 60_000);
});
