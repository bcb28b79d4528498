import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FUNNEL_TODAY, funnelWorkspace } from "../../../../packages/runner/test/analysis/funnel-workspace.js";
import { leadLagWorkspace, TODAY } from "../../../../packages/runner/test/analysis/lead-lag-workspace.js";
import { runKpi } from "../cli/run-cli.js";

// kpi report with the analyses (needs `npm run build`).
describe("kpi report's analysis section", () => {
  it("draws each funnel of kpi.yaml with its steps", () => {
    const root = funnelWorkspace();
    const out = join(root, "report.html");
    const result = runKpi(["report", "--dir", root, "--today", FUNNEL_TODAY, "--out", out]);
    expect(result.status).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain('data-funnel="onboarding"');
    expect(html.match(/<g data-step=/g)?.length).toBe(5);
  });

  it("shows the pairs of the last kpi analyze with their verdicts", () => {
    const root = leadLagWorkspace();
    expect(runKpi(["analyze", "--dir", root, "--today", TODAY]).status).toBe(0);
    const out = join(root, "report.html");
    expect(runKpi(["report", "--dir", root, "--today", TODAY, "--out", out]).status).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain('data-pair="trials:orders" data-verdict="supports"');
    expect(html).toContain('data-pair="noise:orders" data-verdict="inconclusive"');
  });
});
