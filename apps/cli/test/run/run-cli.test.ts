import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runKpi, tempDir } from "../cli/run-cli.js";

// End to end on the DuckDB workspace `kpi init` creates (needs `npm run build`).
const TODAY = "2026-11-26";
let root: string;
beforeAll(() => {
  root = join(tempDir("kpi-run-"), "ws");
  expect(runKpi(["init", root, "--today", TODAY]).status).toBe(0);
});

describe("kpi run", () => {
  it("prints the RunResult as JSON and records it in the history", () => {
    const run = runKpi(["run", "--dir", root, "--format", "json", "--period", "2026-10", "--today", TODAY]);
    expect(run.status).toBe(0);
    const parsed = JSON.parse(run.stdout);
    expect(Object.keys(parsed).slice(0, 2)).toEqual(["period", "results"]);
    expect(parsed.period).toEqual({ start: "2026-10-01", end: "2026-11-01" });
    expect(parsed.results.length).toBeGreaterThan(0);
    for (const result of parsed.results) {
      expect(result).toMatchObject({
        kpi: expect.any(String),
        version: expect.any(Number),
        status: expect.any(String),
      });
      expect(typeof result.value === "number" || result.value === null).toBe(true);
    }
    expect(existsSync(join(root, ".kpi", "history", `${parsed.results[0].kpi}.jsonl`))).toBe(true);
  });

  it("shows the change against the previous period's recorded value, then lists both in kpi history", () => {
    const table = runKpi(["run", "--dir", root, "--period", "2026-11", "--today", TODAY]);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/[▲▼=] [+-]?\d/);
    const kpi = table.stdout.split("\n")[1]?.split(/\s{2,}/)[1] ?? "";
    const history = runKpi(["history", kpi, "--dir", root, "--format", "json"]);
    expect(history.status).toBe(0);
    const records = JSON.parse(history.stdout).records;
    expect(records.map((r: { period: { start: string } }) => r.period.start).slice(0, 2)).toEqual([
      "2026-11-01",
      "2026-10-01",
    ]);
    const text = runKpi(["history", kpi, "--dir", root, "--limit", "1"]);
    expect(text.stdout.split("\n").filter((line) => line.includes("v1"))).toHaveLength(1);
  });

  it("records nothing with --no-record", () => {
    const before = runKpi(["history", "refund_rate", "--dir", root, "--format", "json"]);
    runKpi(["run", "--dir", root, "--kpi", "refund_rate", "--no-record", "--today", TODAY]);
    const after = runKpi(["history", "refund_rate", "--dir", root, "--format", "json"]);
    expect(JSON.parse(after.stdout).records).toEqual(JSON.parse(before.stdout).records);
  });

  it("writes a markdown table", () => {
    const markdown = runKpi(["run", "--dir", root, "--format", "markdown", "--no-record", "--today", TODAY]);
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toContain("| Status | KPI | Value | Change | Target | Period |");
  });

  it("exits 2 on bad arguments, an unknown KPI and a folder that is no workspace", () => {
    expect(runKpi(["run", "--dir", root, "--from", "2026-10-01"]).status).toBe(2);
    expect(
      runKpi(["run", "--dir", root, "--period", "2026-10", "--from", "2026-10-01", "--to", "2026-11-01"])
        .status,
    ).toBe(2);
    expect(runKpi(["run", "--dir", root, "--fail-on", "sometimes"]).status).toBe(2);
    expect(runKpi(["run", "--dir", root, "--kpi", "no_such_kpi", "--no-record"]).status).toBe(2);
    expect(runKpi(["run", "--dir", tempDir()]).status).toBe(2);
    expect(runKpi(["history", "no_such_kpi", "--dir", root]).status).toBe(2);
  });

  it("exits 1 with --fail-on when a KPI is at that status or worse", () => {
    const json = runKpi(["run", "--dir", root, "--format", "json", "--no-record", "--period", "2026-11"]);
    const statuses: string[] = JSON.parse(json.stdout).results.map((r: { status: string }) => r.status);
    const failOn = (bar: string[]) => (statuses.some((s) => bar.includes(s)) ? 1 : 0);
    const atRisk = runKpi([
      "run",
      "--dir",
      root,
      "--no-record",
      "--period",
      "2026-11",
      "--fail-on",
      "at_risk",
    ]);
    expect(atRisk.status).toBe(failOn(["at_risk", "off_track", "error"]));
    const offTrack = runKpi([
      "run",
      "--dir",
      root,
      "--no-record",
      "--period",
      "2026-11",
      "--fail-on",
      "off_track",
    ]);
    expect(offTrack.status).toBe(failOn(["off_track", "error"]));
  });
});
