import { forecastText, paceText, trendForecast } from "@kpi-as-code/runner/pace";
import { describe, expect, it } from "vitest";

/** ISO weeks from Monday 2026-11-02, one week each. */
function weeks(values: (number | null)[]) {
  return values.map((value, index) => {
    const start = new Date(Date.UTC(2026, 10, 2 + 7 * index)).toISOString().slice(0, 10);
    const end = new Date(Date.UTC(2026, 10, 9 + 7 * index)).toISOString().slice(0, 10);
    return { period: { start, end }, value };
  });
}
// The 4th week (index 3) ends on Sunday 2026-11-29; its last day is 2026-11-29.
const weekly = (by: string) => ({
  cadence: "weekly" as const,
  target: { short_term: { value: 5, by }, mid_term: { value: 9, by: "2027-06-30" } },
});

describe("trendForecast", () => {
  it("projects a least-squares line: 1, 2, 2, 3 a week apart give 4.1 two weeks after the last", () => {
    // x = 0, 7, 14, 21 (mean 10.5), y mean 2; slope = 21 / 245 = 3/35 a day; at x = 35: 2 + 3/35 * 24.5 = 4.1
    const forecast = trendForecast(weeks([1, 2, 2, 3]), weekly("2026-12-13"));
    expect(forecast).toMatchObject({ kind: "forecast", by: "2026-12-13", target: 5, points: 4 });
    expect(forecast.kind === "forecast" && forecast.value).toBeCloseTo(4.1, 12);
  });

  it("uses only the newest 6 periods: an old outlier is left out", () => {
    const forecast = trendForecast(weeks([100, 1, 2, 3, 4, 5, 6]), weekly("2026-12-27"));
    // 1..6 on x = 0..35 step 7: slope 1/7 a day; last (x = 35, value 6) on 2026-12-20; 7 days later: 7
    expect(forecast.kind === "forecast" && forecast.value).toBeCloseTo(7, 12);
    expect(forecast).toMatchObject({ points: 6 });
  });

  it("needs 4 periods with a value; null values and other periods do not count", () => {
    const three = [
      ...weeks([1, null, 2, 3]),
      { period: { start: "2026-11-01", end: "2026-12-01" }, value: 9 },
    ];
    expect(trendForecast(three, weekly("2026-12-31"))).toEqual({
      kind: "none",
      reason: "too_few_points",
      points: 3,
    });
  });

  it("projects to mid_term.by once short_term.by has passed, and says when every target has", () => {
    const passed = trendForecast(weeks([1, 2, 3, 4]), weekly("2026-11-15"));
    expect(passed).toMatchObject({ kind: "forecast", by: "2027-06-30", target: 9 });
    const all = trendForecast(weeks([1, 2, 3, 4]), {
      cadence: "weekly",
      target: { short_term: { value: 5, by: "2026-11-15" }, mid_term: { value: 9, by: "2026-11-29" } },
    });
    expect(all).toEqual({ kind: "none", reason: "targets_passed", points: 4 });
  });

  it("has nothing to project to without a target", () => {
    expect(trendForecast(weeks([1, 2, 3, 4]), { cadence: "weekly" })).toMatchObject({ reason: "no_target" });
  });

  it("counts a period recorded twice once, with its newest value", () => {
    const twice = [...weeks([1, 2, 2, 3]), ...weeks([1, 2, 2, 5]).slice(3)];
    // y = 1, 2, 2, 5: mean 2.5; covariance = -10.5*-1.5 + -3.5*-0.5 + 3.5*-0.5 + 10.5*2.5 = 42; slope 42/245 = 6/35
    // at x = 35: 2.5 + 6/35 * 24.5 = 6.7
    const forecast = trendForecast(twice, weekly("2026-12-13"));
    expect(forecast).toMatchObject({ points: 4 });
    expect(forecast.kind === "forecast" && forecast.value).toBeCloseTo(6.7, 12);
  });
});

describe("the texts", () => {
  const percent = (value: number) => `${value.toFixed(1)}%`;

  it("says the expected value now and the target ahead", () => {
    expect(paceText(31.2, { kind: "short_term", value: 35, date: "2027-03-31" }, percent)).toBe(
      "expected 31.2% now, 35.0% by 2027-03-31",
    );
    expect(paceText(null, undefined, percent)).toBe("");
  });

  it("says the forecast, or why there is none", () => {
    const forecast = { kind: "forecast" as const, value: 33.1, by: "2027-03-31", target: 35, points: 6 };
    expect(forecastText(forecast, percent)).toBe("on this trend: 33.1% by 2027-03-31 (target 35.0%)");
    expect(forecastText({ kind: "none", reason: "too_few_points", points: 2 }, percent)).toBe(
      "no forecast: 2 periods of the cadence with a value, 4 needed",
    );
  });
});

describe("trendForecast on the workspace's calendar", () => {
  // Fiscal quarters of a year starting in February: Feb-Apr, May-Jul, Aug-Oct, Nov-Jan.
  const fiscal = { timezone: "UTC", weekStart: "monday" as const, fiscalYearStart: 2 };
  const quarters = [
    ["2025-11-01", "2026-02-01", 1],
    ["2026-02-01", "2026-05-01", 2],
    ["2026-05-01", "2026-08-01", 3],
    ["2026-08-01", "2026-11-01", 4],
  ].map(([start, end, value]) => ({
    period: { start: String(start), end: String(end) },
    value: Number(value),
  }));
  const quarterly = {
    cadence: "quarterly" as const,
    target: { short_term: { value: 6, by: "2027-04-30" }, mid_term: { value: 9, by: "2027-10-31" } },
  };

  it("counts fiscal quarters as the KPI's quarters, which a calendar-quarter reading leaves out", () => {
    expect(trendForecast(quarters, quarterly, fiscal)).toMatchObject({ kind: "forecast", points: 4 });
    expect(trendForecast(quarters, quarterly)).toMatchObject({ kind: "none", reason: "too_few_points" });
  });
});
