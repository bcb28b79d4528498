import { expectedValue, lastDay, nextTargetPoint, pathValueOn, targetPath } from "@kpi-as-code/runner/pace";
import { describe, expect, it } from "vitest";

// baseline 25% on 2026-09-30, 30% by 2026-12-31 (92 days later), 40% by 2027-06-30 (181 days later)
const target = {
  baseline: { value: 0.25, at: "2026-09-30" },
  short_term: { value: 0.3, by: "2026-12-31" },
  mid_term: { value: 0.4, by: "2027-06-30" },
};
const month = (start: string, end: string) => ({ start, end });

describe("targetPath", () => {
  it("orders the points by date, whatever order the fields come in", () => {
    expect(targetPath(target).map((point) => [point.kind, point.date, point.value])).toEqual([
      ["baseline", "2026-09-30", 0.25],
      ["short_term", "2026-12-31", 0.3],
      ["mid_term", "2027-06-30", 0.4],
    ]);
  });

  it("is empty with a baseline alone, and drops points with a bad date or value", () => {
    expect(targetPath({ baseline: { value: 1, at: "2026-01-01" } })).toEqual([]);
    expect(targetPath(undefined)).toEqual([]);
    const bad = {
      short_term: { value: 0.3, by: "2026-02-30" },
      mid_term: { value: Number.NaN, by: "2027-01-01" },
    };
    expect(targetPath(bad)).toEqual([]);
  });
});

describe("expectedValue: the path's value on the period's last day", () => {
  it("takes the last day as end - 1 day", () => {
    expect(lastDay(month("2026-11-01", "2026-12-01"))).toBe("2026-11-30");
    expect(lastDay(month("2026-12-01", "2027-01-01"))).toBe("2026-12-31");
  });

  it("is the first point's value before it and the last's after it", () => {
    expect(expectedValue({ target }, month("2026-08-01", "2026-09-01"))).toBe(0.25);
    expect(expectedValue({ target }, month("2026-09-01", "2026-10-01"))).toBe(0.25);
    expect(expectedValue({ target }, month("2027-09-01", "2027-10-01"))).toBe(0.4);
  });

  it("is the point's own value on a point", () => {
    expect(expectedValue({ target }, month("2026-12-01", "2027-01-01"))).toBe(0.3);
    expect(expectedValue({ target }, month("2027-06-01", "2027-07-01"))).toBe(0.4);
  });

  it("interpolates linearly by days between the points around the date", () => {
    // 2026-10-31 is 31 of the 92 days from 2026-09-30 to 2026-12-31: 0.25 + 0.05 * 31 / 92
    expect(expectedValue({ target }, month("2026-10-01", "2026-11-01"))).toBeCloseTo(
      0.25 + (0.05 * 31) / 92,
      12,
    );
    // 2027-03-31 is 90 of the 181 days from 2026-12-31 to 2027-06-30: 0.30 + 0.10 * 90 / 181
    expect(expectedValue({ target }, month("2027-03-01", "2027-04-01"))).toBeCloseTo(
      0.3 + (0.1 * 90) / 181,
      12,
    );
  });

  it("without a baseline, starts flat at the short-term value", () => {
    const noBaseline = { short_term: target.short_term, mid_term: target.mid_term };
    expect(expectedValue({ target: noBaseline }, month("2026-10-01", "2026-11-01"))).toBe(0.3);
  });

  it("follows a decreasing path too: 100 by 2026-01-31 to 60 by 2026-03-02 (30 days)", () => {
    const down = { short_term: { value: 100, by: "2026-01-31" }, mid_term: { value: 60, by: "2026-03-02" } };
    // 2026-02-15 is 15 of 30 days: 80
    expect(expectedValue({ target: down }, month("2026-02-15", "2026-02-16"))).toBe(80);
  });

  it("is null without a target", () => {
    expect(expectedValue({}, month("2026-10-01", "2026-11-01"))).toBeNull();
  });
});

describe("nextTargetPoint", () => {
  it("is the first target dated after the period's last day, else the last one", () => {
    expect(nextTargetPoint({ target }, month("2026-10-01", "2026-11-01"))?.date).toBe("2026-12-31");
    expect(nextTargetPoint({ target }, month("2026-12-01", "2027-01-01"))?.date).toBe("2027-06-30");
    expect(nextTargetPoint({ target }, month("2027-08-01", "2027-09-01"))?.date).toBe("2027-06-30");
    expect(pathValueOn([], "2026-01-01")).toBeNull();
  });
});
