import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  countKpi,
  leadLagWorkspace,
  TODAY,
  writeFiles,
} from "../../../../packages/runner/test/analysis/lead-lag-workspace.js";
import { runKpi } from "../cli/run-cli.js";

// End to end on a DuckDB workspace where trials lead orders by one month (needs `npm run build`).
let root: string;
beforeAll(() => {
  root = leadLagWorkspace();
});

describe("kpi analyze", () => {
  it("prints the spec's JSON: lag 1 supports, the noise inconclusive, the caveat", () => {
    const result = runKpi(["analyze", "--dir", root, "--today", TODAY, "--format", "json"]);
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    const trials = output.pairs.find((pair: { leading: string }) => pair.leading === "trials");
    expect(trials).toEqual({
      goal: "g",
      leading: "trials",
      lagging: "orders",
      lag: 1,
      r: 1,
      n: 10,
      verdict: "supports",
    });
    const noise = output.pairs.find((pair: { leading: string }) => pair.leading === "noise");
    expect(noise.verdict).toBe("inconclusive");
    expect(output.unpaired).toEqual([{ goal: "side", missing: "lagging" }]);
    expect(typeof output.caveat).toBe("string");
    expect(result.stdout).not.toContain("NaN");
  });

  it("says in one line per pair what the numbers mean, and keeps the result for the editor", () => {
    const result = runKpi(["analyze", "--dir", root, "--today", TODAY]);
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.filter((line) => line.startsWith("  trials -> orders: supports"))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("  noise -> orders: inconclusive"))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("  flat -> orders: inconclusive"))).toHaveLength(1);
    const stored = JSON.parse(readFileSync(join(root, ".kpi", "analysis.json"), "utf8"));
    expect(stored.pairs.find((pair: { leading: string }) => pair.leading === "trials").verdict).toBe(
      "supports",
    );
  });

  it("exits 2 when no pair could be computed, like kpi run, and says why in the pair's line", () => {
    const broken = writeFiles({
      "kpi.yaml":
        "project: p\nowners: { a: { name: A } }\ngoals: { g: { statement: S } }\nsources: { app: { type: duckdb } }\n",
      "trials.kpi.yaml": countKpi("trials", "missing_table"),
      "orders.kpi.yaml": countKpi("orders", "missing_table", { indicator: "lagging" }),
    });
    const result = runKpi(["analyze", "--dir", broken, "--today", TODAY, "--no-record"]);
    expect(result.status).toBe(2);
    expect(
      result.stdout
        .split("\n")
        .filter((line) => line.startsWith("  trials -> orders: inconclusive: could not be computed")),
    ).toHaveLength(1);
  });

  it("records nothing with --no-record and refuses bad arguments with exit 2", () => {
    const fresh = leadLagWorkspace();
    expect(runKpi(["analyze", "--dir", fresh, "--today", TODAY, "--no-record"]).status).toBe(0);
    expect(existsSync(join(fresh, ".kpi", "analysis.json"))).toBe(false);
    const bad = runKpi(["analyze", "--dir", fresh, "--today", TODAY, "--periods", "3", "--max-lag", "3"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
