import { describe, expect, it } from "vitest";
import { runKpi, writeWorkspace } from "../cli/run-cli.js";
import { commit, kpiText, PROJECT, repository } from "./git-repo.js";

const KPI_FILE = "first_week_activation.kpi.yaml";

/**
 * Three weeks of sign-ups up to yesterday, the same every day: 4 sign-ups, 1 activated within a
 * week, 2 distinct visitors. So any complete week gives activated / signups = 25% and
 * activated / visits = 50%, whatever today is.
 */
function usersCsv(): string {
  const rows = ["signed_up_at,activated_at,visitor_id"];
  const day = 24 * 60 * 60 * 1000;
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  for (let back = 21; back >= 1; back--) {
    const date = new Date(today - back * day).toISOString().slice(0, 10);
    const next = new Date(today - (back - 1) * day).toISOString().slice(0, 10);
    rows.push(`${date} 10:00:00,${next} 09:00:00,v${back}a`);
    rows.push(`${date} 11:00:00,,v${back}a`, `${date} 12:00:00,,v${back}b`, `${date} 13:00:00,,v${back}b`);
  }
  return `${rows.join("\n")}\n`;
}

describe("kpi diff --values", () => {
  it("computes a KPI whose formula changed under the old and the new definition", () => {
    const { repo, root } = repository();
    commit(repo, { "kpi.yaml": PROJECT, [KPI_FILE]: kpiText() }, "base");
    writeWorkspace(
      { "data/users.csv": usersCsv(), [KPI_FILE]: kpiText({ version: 4, formula: "activated / visits" }) },
      root,
    );

    const result = runKpi(["diff", "--dir", root, "--base", "HEAD", "--values", "--format", "json"]);
    expect(result.status).toBe(0);
    const [kpi] = JSON.parse(result.stdout).kpis;
    expect(kpi.values).toMatchObject({ before: "25.0%", after: "50.0%" });
    expect(kpi.values.period.start < kpi.values.period.end).toBe(true);
    // each definition's pace (spec 5.1): the status and what its target path expects
    expect(kpi.values).toMatchObject({ beforeStatus: expect.any(String), afterStatus: expect.any(String) });
    expect(kpi.values.beforeExpected).toMatch(/^\d+\.\d%$/);
    expect(kpi.values.afterExpected).toMatch(/^\d+\.\d%$/);

    const markdown = runKpi(["diff", "--dir", root, "--base", "HEAD", "--values"]);
    expect(markdown.stdout).toContain("25.0% → 50.0%");
    expect(markdown.stdout).toMatch(/; expected \d+\.\d% → \d+\.\d%, [a-z ]+ → [a-z ]+\n/);
  });
});
