import { computeFunnels, funnelConversions, worstSegmentDrop } from "@kpi-as-code/runner";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNNEL_TODAY, funnelWorkspace } from "./funnel-workspace.js";

describe("funnelConversions", () => {
  it("divides each step by the previous and the first, and finds the biggest drop", () => {
    const result = funnelConversions([
      { kpi: "a", value: 200 },
      { kpi: "b", value: 50 },
      { kpi: "c", value: 40 },
    ]);
    expect(result.steps).toEqual([
      { kpi: "a", value: 200, from_previous: null, from_first: 1 },
      { kpi: "b", value: 50, from_previous: 0.25, from_first: 0.25 },
      { kpi: "c", value: 40, from_previous: 0.8, from_first: 0.2 },
    ]);
    expect(result.biggest_drop).toBe("b");
    expect(result.above_previous).toEqual([]);
  });

  it("keeps a step above the previous one as it is and lists it", () => {
    const result = funnelConversions([
      { kpi: "a", value: 10 },
      { kpi: "b", value: 15 },
    ]);
    expect(result.steps[1]?.from_previous).toBe(1.5);
    expect(result.above_previous).toEqual(["b"]);
    expect(result.biggest_drop).toBe("b");
  });

  it("gives no conversion (null, never Infinity) without a value or from a step of 0", () => {
    const result = funnelConversions([
      { kpi: "a", value: 0 },
      { kpi: "b", value: null },
      { kpi: "c", value: 3 },
    ]);
    expect(result.steps.map((step) => [step.from_previous, step.from_first])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(result.biggest_drop).toBeNull();
  });

  it("names the segment value with the worst conversion", () => {
    const rows = [
      {
        key: "ads",
        conversions: funnelConversions([
          { kpi: "a", value: 10 },
          { kpi: "b", value: 2 },
        ]),
      },
      {
        key: "seo",
        conversions: funnelConversions([
          { kpi: "a", value: 10 },
          { kpi: "b", value: 5 },
        ]),
      },
    ];
    expect(worstSegmentDrop(rows)).toEqual({ key: "ads", step: "b", from_previous: 0.2 });
  });
});

describe("computeFunnels on DuckDB", () => {
  let root: string;
  beforeAll(() => {
    root = funnelWorkspace();
  });

  it("matches the hand-computed conversions of the last complete month", async () => {
    const [onboarding] = await computeFunnels({ root, today: FUNNEL_TODAY, funnel: "onboarding" });
    expect(onboarding?.period).toEqual({ start: "2026-11-01", end: "2026-12-01" });
    expect(onboarding?.steps.map((step) => step.value)).toEqual([150, 70, 25]);
    expect(onboarding?.steps[1]?.from_previous).toBeCloseTo(70 / 150, 12);
    expect(onboarding?.steps[2]?.from_previous).toBeCloseTo(25 / 70, 12);
    expect(onboarding?.steps[2]?.from_first).toBeCloseTo(25 / 150, 12);
    expect(onboarding?.biggest_drop).toBe("purchased");
    // ads: 40/100 then 10/40 = 0.25; seo: 30/50 then 15/30.
    expect(onboarding?.breakdowns.channel?.worst).toEqual({
      key: "ads",
      step: "purchased",
      from_previous: 0.25,
    });
  });

  it("shows a step above the previous one as it is", async () => {
    const [upsideDown] = await computeFunnels({ root, today: FUNNEL_TODAY, funnel: "upside_down" });
    expect(upsideDown?.steps[1]?.from_previous).toBeCloseTo(150 / 70, 12);
    expect(upsideDown?.above_previous).toEqual(["signups"]);
  });

  it("refuses an unknown funnel", async () => {
    await expect(computeFunnels({ root, today: FUNNEL_TODAY, funnel: "nope" })).rejects.toMatchObject({
      code: "funnel/unknown",
    });
  });
});
