import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServerIfMissing, REPO } from "./build-server.js";
import { runWorkspacesBench } from "./workspaces-bench.mjs";

describe("the language-server benchmark of many workspaces", () => {
  beforeAll(buildServerIfMissing, 120_000);

  it("times both layouts to every workspace indexed and gives their ratio", async () => {
    const result = await runWorkspacesBench({
      workspaces: 3,
      perWorkspace: 20,
      runs: 1,
      root: join(REPO, "bench/.work/lsp-workspaces-test"),
    });
    expect(result.workspaces).toBe(3);
    expect(result.indexMs.manyRuns).toHaveLength(1);
    expect(result.indexMs.oneRuns).toHaveLength(1);
    for (const figure of [result.indexMs.many, result.indexMs.one, result.ratio]) {
      expect(figure).toBeGreaterThan(0);
    }
    expect(result.goal).toMatch(/^many workspaces <= 1\.1x one workspace: (met|NOT met)$/);
  }, 120_000);
});
