import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runWorkspacesBench } from "./workspaces-bench.mjs";

const REPO = resolve(import.meta.dirname, "../..");

describe("the language-server benchmark of many workspaces", () => {
  beforeAll(() => {
    const bundles = ["packages/core/dist/bundle/index.js", "packages/language-server/dist/bundle/bin.js"];
    if (bundles.every((file) => existsSync(join(REPO, file)))) return;
    const build = [
      "turbo",
      "run",
      "build",
      "--filter=@kpi-as-code/language-server...",
      "--output-logs=errors-only",
    ];
    execFileSync("npx", build, { cwd: REPO, stdio: "inherit" });
  }, 120_000);

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
