// Issue #12, spec 4.8: `kpi validate --sources` adds what the sources say to the files' diagnostics.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { runKpi, writeWorkspace } from "./run-cli.js";

const PASSWORD = "Pa55-word-never-shown";

const project = (extraSource = "") => `project: test
owners:
  growth: { name: Growth }
goals:
  grow: { statement: Grow, owner: growth }
sources:
  app: { type: duckdb, tables: { users: data/users.csv } }
${extraSource}policy:
  core_kpis: { min: 0, max: 7 }
  balance: off
`;

const kpi = (measures: string) => `kpi: signups
version: 1
name: Sign-ups
description: A test KPI
owner: growth
goal: grow
indicator: lagging
unit: count
direction: increase
cadence: monthly
formula: n
measures:
${measures}target:
  short_term: { value: 3, by: 2027-03-31 }
  mid_term: { value: 4, by: 2027-09-30 }
`;

interface JsonReport {
  diagnostics: { file: string; line: number; column: number; rule: string; severity: string }[];
  summary: { errors: number };
}

function workspace(files: Record<string, string>): string {
  return writeWorkspace({ "data/users.csv": "user_id,signed_up_at\n1,2026-11-02\n", ...files });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const at = (report: JsonReport) =>
  report.diagnostics.map(({ file, line, column, rule }) => ({ file, line, column, rule }));

describe("kpi validate --sources", () => {
  it("finds a misspelt column only with --sources, at its value, and exits 1", () => {
    const dir = workspace({
      "kpi.yaml": project(),
      "signups.kpi.yaml": kpi("  n: { source: app, from: users, aggregate: count, time: signed_up }\n"),
    });
    const plain = runKpi(["validate", "--dir", dir, "--format", "json"]);
    expect(plain.status).toBe(0);
    const checked = runKpi(["validate", "--dir", dir, "--sources", "--format", "json"]);
    expect(checked.stderr).toBe("");
    expect(checked.status).toBe(1);
    const report = JSON.parse(checked.stdout) as JsonReport;
    expect(at(report)).toEqual([
      {
        file: "signups.kpi.yaml",
        line: 13,
        column: 1 + "  n: { source: app, from: users, aggregate: count, time: ".length,
        rule: "measurability/unknown-column",
      },
    ]);
    expect(report.summary.errors).toBe(1);
  }, 60_000);

  it("reports an in-memory DuckDB's misspelt table once, found by the files and by the source alike", () => {
    const dir = workspace({
      "kpi.yaml": project(),
      "signups.kpi.yaml": kpi("  n: { source: app, from: user, aggregate: count }\n"),
    });
    const plain = JSON.parse(runKpi(["validate", "--dir", dir, "--format", "json"]).stdout) as JsonReport;
    const expected = [
      {
        file: "signups.kpi.yaml",
        line: 13,
        column: 1 + "  n: { source: app, from: ".length,
        rule: "measurability/unknown-table",
      },
    ];
    expect(at(plain)).toEqual(expected);
    const checked = runKpi(["validate", "--dir", dir, "--sources", "--format", "json"]);
    expect(checked.status).toBe(1);
    expect(at(JSON.parse(checked.stdout) as JsonReport)).toEqual(expected);
  }, 60_000);

  it("reports an unreachable PostgreSQL at its key, never its password, in every format", async () => {
    const url = `postgres://kpi:${PASSWORD}@127.0.0.1:${await closedPort()}/warehouse`;
    const dir = workspace({
      "kpi.yaml": project(`  warehouse: { type: postgres, url: "${url}" }\n`),
      "signups.kpi.yaml": kpi(
        "  n: { source: app, from: users, aggregate: count }\n  m: { source: warehouse, from: orders, aggregate: count }\n",
      ).replace("formula: n", "formula: n + m"),
    });
    const json = runKpi(["validate", "--dir", dir, "--sources", "--format", "json"]);
    expect(json.status).toBe(1);
    expect(at(JSON.parse(json.stdout) as JsonReport)).toEqual([
      { file: "kpi.yaml", line: 8, column: 3, rule: "measurability/source-unreachable" },
    ]);
    for (const format of ["text", "sarif", "github", "junit"]) {
      const result = runKpi(["validate", "--dir", dir, "--sources", "--format", format]);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain("measurability/source-unreachable");
      expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    }
  }, 60_000);
});
