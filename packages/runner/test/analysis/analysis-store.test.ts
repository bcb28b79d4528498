import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAnalysis, type StoredAnalysis, writeAnalysis } from "@kpi-as-code/runner/history";
import { describe, expect, it } from "vitest";

const ANALYSIS: StoredAnalysis = {
  today: "2026-12-15",
  periods: 12,
  maxLag: 3,
  pairs: [{ goal: "g", leading: "trials", lagging: "orders", lag: 1, r: 1, n: 10, verdict: "supports" }],
};

const newRoot = () => mkdtempSync(join(tmpdir(), "kpi-analysis-store-"));

describe(".kpi/analysis.json", () => {
  it("is written and read back; a second write replaces the first", async () => {
    const root = newRoot();
    expect(await readAnalysis(root)).toBeUndefined();
    await writeAnalysis(root, { ...ANALYSIS, pairs: [] });
    await writeAnalysis(root, ANALYSIS);
    expect(await readAnalysis(root)).toEqual(ANALYSIS);
  });

  it("is never written or read through a symlinked .kpi or file", async () => {
    const outside = newRoot();
    const linkedFolder = newRoot();
    symlinkSync(outside, join(linkedFolder, ".kpi"));
    await expect(writeAnalysis(linkedFolder, ANALYSIS)).rejects.toMatchObject({
      code: "history/unsafe-path",
    });
    await expect(readAnalysis(linkedFolder)).rejects.toMatchObject({ code: "history/unsafe-path" });

    const linkedFile = newRoot();
    mkdirSync(join(linkedFile, ".kpi"));
    const victim = join(outside, "victim.json");
    writeFileSync(victim, "keep");
    symlinkSync(victim, join(linkedFile, ".kpi", "analysis.json"));
    await expect(writeAnalysis(linkedFile, ANALYSIS)).rejects.toMatchObject({ code: "history/unsafe-path" });
    await expect(readAnalysis(linkedFile)).rejects.toMatchObject({ code: "history/unsafe-path" });
    expect(readFileSync(victim, "utf8")).toBe("keep");
  });

  it("reads a damaged file as no analysis", async () => {
    const root = newRoot();
    mkdirSync(join(root, ".kpi"));
    writeFileSync(join(root, ".kpi", "analysis.json"), "{not json");
    expect(await readAnalysis(root)).toBeUndefined();
    writeFileSync(join(root, ".kpi", "analysis.json"), JSON.stringify({ pairs: [{ leading: 1 }] }));
    expect(await readAnalysis(root)).toBeUndefined();
  });
});
