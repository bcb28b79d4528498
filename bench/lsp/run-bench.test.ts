import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServerIfMissing, REPO } from "./build-server.js";
import { runLspBench } from "./run-bench.mjs";

describe("the language-server benchmark", () => {
  beforeAll(buildServerIfMissing, 120_000);

  it("measures every figure on a small workspace", async () => {
    const result = await runLspBench({ count: 60, iterations: 4, root: join(REPO, "bench/.work/lsp-test") });
    expect(result.kpis).toBe(60);
    expect(result.indexRunsMs).toHaveLength(3);
    expect(result.indexRunsMs).toContain(result.indexMs);
    for (const figure of [
      result.firstDiagnosticsMs,
      result.indexMs,
      result.indexCpuMs,
      result.floorMs,
      result.indexVsFloor,
      result.rssMb.afterIndex,
    ]) {
      expect(figure).toBeGreaterThan(0);
    }
    expect(result.didChangeToDiagnosticsMs.p95).toBeGreaterThanOrEqual(
      result.didChangeToDiagnosticsMs.median,
    );
    expect(result.hoverMs.p95).toBeGreaterThan(0);
    // A small workspace may be indexed before any answer: then the figures are null.
    const { completion, hover, answered } = result.duringIndexMs;
    expect(answered).toBeGreaterThanOrEqual(0);
    expect(result.duringIndexMs.indexMs).toBeGreaterThan(0);
    for (const figure of [completion, hover]) {
      expect(Object.keys(figure).sort()).toEqual(["median", "p95"]);
    }
  }, 120_000);
});
