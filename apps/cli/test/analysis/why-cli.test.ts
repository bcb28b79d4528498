import { describe, expect, it } from "vitest";
import { FUNNEL_TODAY, funnelWorkspace } from "../../../../packages/runner/test/analysis/funnel-workspace.js";
import { runKpi } from "../cli/run-cli.js";

// activation_rate: 52/100 in 2026-10, 70/150 in 2026-11, by channel (needs `npm run build`).
describe("kpi why", () => {
  it("splits the change by input and by channel, each summing to the change", () => {
    const root = funnelWorkspace();
    const json = runKpi([
      "why",
      "activation_rate",
      "--dir",
      root,
      "--today",
      FUNNEL_TODAY,
      "--format",
      "json",
    ]);
    expect(json.status).toBe(0);
    const why = JSON.parse(json.stdout);
    expect(why.change).toBeCloseTo(70 / 150 - 0.52, 12);
    expect(why.inputs.method).toBe("log-ratio");
    const parts = why.inputs.parts.reduce(
      (sum: number, part: { contribution: number }) => sum + part.contribution,
      0,
    );
    expect(parts).toBeCloseTo(why.change, 12);
    expect(why.segments.channel.mix + why.segments.channel.rate).toBeCloseTo(why.change, 12);

    const text = runKpi(["why", "activation_rate", "--dir", root, "--period", "2026-11"]);
    expect(text.status).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines.filter((line) => line.startsWith("by input (log-ratio"))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("  sum of the parts: -0.0533333"))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("by channel (mix"))).toHaveLength(1);
  });

  it("refuses an unknown KPI with exit 2", () => {
    const result = runKpi(["why", "nope", "--dir", funnelWorkspace()]);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
