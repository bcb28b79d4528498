import { analysisSection } from "@kpi-as-code/report";
import { funnelConversions } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";

const period = { start: "2026-11-01", end: "2026-12-01" };

describe("analysisSection", () => {
  it("draws a chart per leading -> lagging pair, the leading series shifted by the best lag, with the verdict", () => {
    const html = analysisSection({
      leadLag: {
        today: "2026-12-15",
        pairs: [
          {
            goal: "g",
            leading: "trials",
            lagging: "orders",
            lag: 1,
            r: 1,
            n: 10,
            verdict: "supports",
            leadingSeries: [1, 3, 2, 4],
            laggingSeries: [5, 6, 10, 8],
          },
        ],
      },
      funnels: [],
      whys: [],
    });
    expect(html).toContain('data-pair="trials:orders" data-verdict="supports"');
    // Shifted by one period: the dashed (leading) line starts at the second x position.
    const dashed = /<path d="M([\d.]+),/.exec(html);
    expect(Number(dashed?.[1])).toBeGreaterThan(24);
    expect(html).toContain("evidence, not proof of cause");
  });

  it("draws a bar per funnel step, marks the biggest drop and notes a step above the previous", () => {
    const conversions = funnelConversions([
      { kpi: "signups", value: 150 },
      { kpi: "activated", value: 70 },
      { kpi: "purchased", value: 80 },
    ]);
    const html = analysisSection({
      funnels: [{ funnel: "onboarding", period, ...conversions, errors: {}, breakdowns: {} }],
      whys: [],
    });
    expect(html.match(/<g data-step=/g)).toHaveLength(3);
    expect(html).toContain("the biggest drop is at <code>activated</code>");
    expect(html).toContain("Above the step before (shown as they are): <code>purchased</code>");
  });

  it("lists what moved a changed KPI with parts that add up, and escapes names", () => {
    const html = analysisSection({
      funnels: [],
      whys: [
        {
          kpi: "rate<x>",
          period,
          previous: { start: "2026-10-01", end: "2026-11-01" },
          before: 0.5,
          after: 0.4,
          change: -0.1,
          inputs: {
            method: "sequential-substitution",
            before: 0.5,
            after: 0.4,
            change: -0.1,
            parts: [
              { name: "a", before: 5, after: 6, contribution: 0.1 },
              { name: "b", before: 10, after: 15, contribution: -0.2 },
            ],
          },
          segments: {},
        },
      ],
    });
    expect(html).toContain("rate&lt;x&gt;");
    expect(html).toContain("the parts add up to -0.1");
    expect(html).not.toContain("<x>");
  });

  it("is empty without analyses", () => {
    expect(analysisSection(undefined)).toBe("");
    expect(analysisSection({ funnels: [], whys: [] })).toBe("");
  });
});
