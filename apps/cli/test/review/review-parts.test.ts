import { describe, expect, it } from "vitest";
import { effectPeriods } from "../../src/review/review-dates.js";
import { worstSegment } from "../../src/review/worst-segment.js";

const row = (key: string | null, value: number | null) => ({ key, value, measures: {} });

describe("worstSegment", () => {
  const previous = { plan: [row("free", 0.3), row("pro", 0.5), row("team", 0.4)] };
  const current = { plan: [row("free", 0.31), row("pro", 0.35), row("team", 0.45), row("new", 0.1)] };

  it("for increase, the biggest fall among values present in both periods", () => {
    expect(worstSegment(current, previous, "increase")).toMatchObject({
      segment: "plan",
      key: "pro",
      value: 0.35,
    });
  });

  it("for decrease, the biggest rise; none when nothing got worse", () => {
    expect(worstSegment(current, previous, "decrease")).toMatchObject({ key: "team" });
    expect(worstSegment(previous, previous, "decrease")).toBeNull();
    expect(worstSegment(current, undefined, "increase")).toBeNull();
  });
});

describe("effectPeriods", () => {
  it("takes as many days before the start as have passed since, and none for a start today or later", () => {
    expect(effectPeriods("2026-11-20", "2026-11-26")).toEqual({
      days: 6,
      before: { start: "2026-11-14", end: "2026-11-20" },
      after: { start: "2026-11-20", end: "2026-11-26" },
    });
    expect(effectPeriods("2026-11-26", "2026-11-26")).toBeUndefined();
    expect(effectPeriods("2026-12-01", "2026-11-26")).toBeUndefined();
  });
});
