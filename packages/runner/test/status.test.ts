import { definitionHash, statusOf, targetRef } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";

const increase = { direction: "increase" as const, thresholds: { warning: 0.3, critical: 0.2 } };
const decrease = { direction: "decrease" as const, thresholds: { warning: 5, critical: 8 } };
const period = { start: "2026-12-01", end: "2027-01-01" };
const target = { short_term: { value: 0.5, by: "2026-12-31" }, mid_term: { value: 0.6, by: "2027-06-30" } };

describe("statusOf", () => {
  it.each([
    [0.35, "on_track"],
    [0.3, "at_risk"],
    [0.25, "at_risk"],
    [0.2, "off_track"],
    [0.1, "off_track"],
  ] as const)("with thresholds, increase: %s is %s (equality counts as beyond)", (value, status) => {
    expect(statusOf(value, increase, period)).toBe(status);
  });

  it.each([
    [4, "on_track"],
    [5, "at_risk"],
    [7, "at_risk"],
    [8, "off_track"],
    [9, "off_track"],
  ] as const)("with thresholds, decrease: %s is %s", (value, status) => {
    expect(statusOf(value, decrease, period)).toBe(status);
  });

  it("uses only the thresholds given, and takes the worse of thresholds and pace", () => {
    expect(statusOf(0.25, { direction: "increase", thresholds: { critical: 0.2 } }, period)).toBe("on_track");
    expect(statusOf(0.25, { direction: "increase", thresholds: { warning: 0.3 } }, period)).toBe("at_risk");
    // above both thresholds but short of the 0.5 expected on 2026-12-31: the pace decides
    expect(statusOf(0.4, { ...increase, target }, period)).toBe("at_risk");
  });

  it("without thresholds, meeting the expected value (here the short-term target) on the good side is on_track", () => {
    expect(statusOf(0.5, { direction: "increase", target }, period)).toBe("on_track");
    expect(statusOf(0.49, { direction: "increase", target }, period)).toBe("at_risk");
    expect(statusOf(0.5, { direction: "decrease", target }, period)).toBe("on_track");
    expect(statusOf(0.51, { direction: "decrease", target }, period)).toBe("at_risk");
  });

  it("is no_target with neither, and no_data without a value", () => {
    expect(statusOf(3, { direction: "increase" }, period)).toBe("no_target");
    expect(statusOf(null, { ...increase, target }, period)).toBe("no_data");
  });
});

describe("targetRef", () => {
  it("reports the short-term point with the thresholds, or the thresholds alone, or nothing", () => {
    expect(targetRef({ target, thresholds: increase.thresholds })).toEqual({
      kind: "short_term",
      value: 0.5,
      by: "2026-12-31",
      warning: 0.3,
      critical: 0.2,
    });
    expect(targetRef({ thresholds: { warning: 1 } })).toEqual({ kind: "threshold", value: null, warning: 1 });
    expect(targetRef({})).toBeNull();
  });
});

describe("definitionHash", () => {
  const kpi = {
    kpi: "a",
    name: "A",
    formula: "x / y",
    unit: "ratio" as const,
    direction: "increase" as const,
  };

  it("ignores key order and fields that do not carry meaning", () => {
    const reordered = {
      direction: "increase" as const,
      unit: "ratio" as const,
      formula: "x / y",
      name: "Renamed",
    };
    expect(definitionHash(reordered)).toBe(definitionHash(kpi));
    expect(definitionHash(kpi)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with the formula, the thresholds or the segments", () => {
    const base = definitionHash(kpi);
    expect(definitionHash({ ...kpi, formula: "x / z" })).not.toBe(base);
    expect(definitionHash({ ...kpi, thresholds: { warning: 1 } })).not.toBe(base);
    expect(definitionHash({ ...kpi, segments: ["plan"] })).not.toBe(base);
  });
});
