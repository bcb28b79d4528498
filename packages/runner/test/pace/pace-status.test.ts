import { paceStatus, statusOf, thresholdStatus } from "@kpi-as-code/runner/pace";
import { describe, expect, it } from "vitest";

const march = { start: "2027-03-01", end: "2027-04-01" };

describe("the issue's examples", () => {
  // CSAT: baseline 70% at 2026-09-30, 75% by 2027-03-31; thresholds warning 65, critical 60.
  const csat = {
    direction: "increase" as const,
    thresholds: { warning: 65, critical: 60 },
    target: {
      baseline: { value: 70, at: "2026-09-30" },
      short_term: { value: 75, by: "2027-03-31" },
      mid_term: { value: 80, by: "2027-09-30" },
    },
  };

  it("CSAT at 67% against 75% by March is off track (below its baseline), not on track", () => {
    expect(thresholdStatus(67, csat)).toBe("on_track");
    expect(paceStatus(67, csat, march)).toBe("off_track");
    expect(statusOf(67, csat, march)).toBe("off_track");
  });

  it("CSAT at 72% (above the baseline, below the expected 75%) is at risk", () => {
    expect(statusOf(72, csat, march)).toBe("at_risk");
  });

  // Backlog (decrease): baseline 300 at 2026-09-30, 100 by 2026-12-31, 50 by 2027-06-30; warning 400, critical 600.
  const backlog = {
    direction: "decrease" as const,
    thresholds: { warning: 400, critical: 600 },
    target: {
      baseline: { value: 300, at: "2026-09-30" },
      short_term: { value: 100, by: "2026-12-31" },
      mid_term: { value: 50, by: "2027-06-30" },
    },
  };

  it("a backlog ten times its target (1000 against 100) is off track", () => {
    expect(statusOf(1000, backlog, { start: "2026-12-01", end: "2027-01-01" })).toBe("off_track");
  });

  it("a backlog of 350, worse than the baseline 300, is off track by pace though only at risk by thresholds", () => {
    expect(thresholdStatus(350, backlog)).toBe("on_track");
    expect(paceStatus(350, backlog, { start: "2026-12-01", end: "2027-01-01" })).toBe("off_track");
  });
});

describe("paceStatus", () => {
  const increase = {
    direction: "increase" as const,
    target: {
      baseline: { value: 20, at: "2026-01-31" },
      short_term: { value: 30, by: "2026-03-02" }, // 30 days later: +1 a day
      mid_term: { value: 40, by: "2026-06-30" },
    },
  };
  const day = (date: string, next: string) => ({ start: date, end: next });
  // 2026-02-15 is 15 of the 30 days: expected 20 + 10 * 15 / 30 = 25
  const feb15 = day("2026-02-15", "2026-02-16");

  it("meeting expected exactly is on track (equality meets)", () => {
    expect(paceStatus(25, increase, feb15)).toBe("on_track");
    expect(paceStatus(25.5, increase, feb15)).toBe("on_track");
  });

  it("below expected but not below the baseline is at risk; equal to the baseline is still at risk", () => {
    expect(paceStatus(24.9, increase, feb15)).toBe("at_risk");
    expect(paceStatus(20, increase, feb15)).toBe("at_risk");
  });

  it("strictly worse than the baseline is off track", () => {
    expect(paceStatus(19.99, increase, feb15)).toBe("off_track");
  });

  it("before the first point, expected is the baseline: meeting it is on track", () => {
    expect(paceStatus(20, increase, day("2026-01-01", "2026-01-02"))).toBe("on_track");
  });

  it("after the last point, expected is the mid-term value", () => {
    const later = day("2026-08-01", "2026-08-02");
    expect(paceStatus(40, increase, later)).toBe("on_track");
    expect(paceStatus(39, increase, later)).toBe("at_risk");
  });

  it("decrease: at or below expected is on track, above the baseline off track", () => {
    const down = {
      direction: "decrease" as const,
      target: { baseline: { value: 10, at: "2026-01-31" }, short_term: { value: 4, by: "2026-03-02" } },
    };
    // 15 of 30 days: 10 - 6 * 15 / 30 = 7
    expect(paceStatus(7, down, feb15)).toBe("on_track");
    expect(paceStatus(8, down, feb15)).toBe("at_risk");
    expect(paceStatus(10, down, feb15)).toBe("at_risk");
    expect(paceStatus(10.5, down, feb15)).toBe("off_track");
  });

  it("without a baseline, missing expected is only at risk", () => {
    const noBaseline = {
      direction: "increase" as const,
      target: { short_term: { value: 30, by: "2026-03-02" } },
    };
    expect(paceStatus(1, noBaseline, feb15)).toBe("at_risk");
  });

  it("is undefined without a target", () => {
    expect(paceStatus(1, { direction: "increase" }, feb15)).toBeUndefined();
  });
});

describe("statusOf: the worse of threshold and pace status", () => {
  const period = { start: "2026-12-01", end: "2027-01-01" }; // expected 30 on 2026-12-31
  const target = { baseline: { value: 20, at: "2026-09-30" }, short_term: { value: 30, by: "2026-12-31" } };

  it("thresholds worse than pace: the thresholds decide", () => {
    const kpi = { direction: "increase" as const, thresholds: { warning: 35, critical: 32 }, target };
    expect(paceStatus(31, kpi, period)).toBe("on_track");
    expect(statusOf(31, kpi, period)).toBe("off_track");
  });

  it("pace worse than thresholds: the pace decides", () => {
    const kpi = { direction: "increase" as const, thresholds: { warning: 15, critical: 10 }, target };
    expect(thresholdStatus(25, kpi)).toBe("on_track");
    expect(statusOf(25, kpi, period)).toBe("at_risk");
    expect(statusOf(18, kpi, period)).toBe("off_track");
  });

  it("both on track is on track; thresholds alone still work", () => {
    const kpi = { direction: "increase" as const, thresholds: { warning: 15, critical: 10 }, target };
    expect(statusOf(30, kpi, period)).toBe("on_track");
    expect(statusOf(12, { direction: "increase", thresholds: { warning: 15 } }, period)).toBe("at_risk");
  });

  it("no_target with neither, no_data without a value", () => {
    expect(statusOf(3, { direction: "increase" }, period)).toBe("no_target");
    expect(statusOf(null, { direction: "increase", target }, period)).toBe("no_data");
  });
});
