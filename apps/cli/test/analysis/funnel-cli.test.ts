import { beforeAll, describe, expect, it } from "vitest";
import { FUNNEL_TODAY, funnelWorkspace } from "../../../../packages/runner/test/analysis/funnel-workspace.js";
import { writeFiles } from "../../../../packages/runner/test/analysis/lead-lag-workspace.js";
import { runKpi } from "../cli/run-cli.js";

// End to end on a DuckDB workspace: 150 sign-ups, 70 activated, 25 purchased in 2026-11 (needs `npm run build`).
let root: string;
beforeAll(() => {
  root = funnelWorkspace();
});

describe("kpi funnel", () => {
  it("prints the spec's JSON with the hand-computed conversions", () => {
    const result = runKpi([
      "funnel",
      "onboarding",
      "--dir",
      root,
      "--today",
      FUNNEL_TODAY,
      "--format",
      "json",
    ]);
    expect(result.status).toBe(0);
    const [funnel] = JSON.parse(result.stdout).funnels;
    expect(funnel.funnel).toBe("onboarding");
    expect(funnel.period).toEqual({ start: "2026-11-01", end: "2026-12-01" });
    expect(funnel.steps).toEqual([
      { kpi: "signups", value: 150, from_previous: null, from_first: 1 },
      { kpi: "activated", value: 70, from_previous: 70 / 150, from_first: 70 / 150 },
      { kpi: "purchased", value: 25, from_previous: 25 / 70, from_first: 25 / 150 },
    ]);
    expect(funnel.biggest_drop).toBe("purchased");
    expect(funnel.breakdowns.channel.worst).toEqual({ key: "ads", step: "purchased", from_previous: 0.25 });
  });

  it("marks the biggest drop, the worst channel and a step above the previous one in the table", () => {
    const result = runKpi(["funnel", "--dir", root, "--period", "2026-11"]);
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    expect(
      lines.filter((line) => /^\s+purchased\s+25\s+35\.7%\s+16\.7%\s+<- biggest drop$/.test(line)),
    ).toHaveLength(1);
    expect(
      lines.filter((line) => line.startsWith("  by channel: the worst drop is ads at purchased")),
    ).toHaveLength(1);
    expect(
      lines.filter((line) => line.startsWith("  note: signups is above the step before it (214.3%)")),
    ).toHaveLength(1);
  });

  it("refuses an unknown funnel and a step that is not a count with exit 2, no stack trace", () => {
    const unknown = runKpi(["funnel", "nope", "--dir", root]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("onboarding");
    const ratio = writeFiles({
      "kpi.yaml": [
        "project: p",
        "owners: { a: { name: A } }",
        "goals: { g: { statement: S } }",
        "sources: { app: { type: duckdb } }",
        "funnels: { f: { steps: [n, r] } }",
        "",
      ].join("\n"),
      "n.kpi.yaml":
        "kpi: n\nversion: 1\nname: n\ndescription: d\nowner: a\ngoal: g\nindicator: leading\nunit: count\ndirection: increase\ncadence: monthly\nformula: 1\n",
      "r.kpi.yaml":
        "kpi: r\nversion: 1\nname: r\ndescription: d\nowner: a\ngoal: g\nindicator: lagging\nunit: ratio\ndirection: increase\ncadence: monthly\nformula: 0.5\n",
    });
    const invalid = runKpi(["funnel", "--dir", ratio]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).not.toMatch(/\n\s+at /);
    const validate = runKpi(["validate", "--dir", ratio, "--format", "json"]);
    const rules = JSON.parse(validate.stdout).diagnostics.map((d: { rule: string; file: string }) => [
      d.rule,
      d.file,
    ]);
    expect(rules).toContainEqual(["funnel/steps", "kpi.yaml"]);
  });
});
