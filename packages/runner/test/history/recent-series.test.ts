import { recentSeries } from "@kpi-as-code/runner/history";
import { describe, expect, it } from "vitest";

const point = (start: string, end: string, value: number) => ({
  value,
  status: "on_track",
  period: { start, end },
  recordedAt: `${end}T00:00:00Z`,
});

describe("the recent series behind an editor's sparkline", () => {
  it("keeps only periods of the newest point's grain: no quarter in a monthly line", () => {
    const newestFirst = [
      point("2026-11-01", "2026-12-01", 3),
      point("2026-07-01", "2026-10-01", 99), // a quarter run of a monthly KPI
      point("2026-10-01", "2026-11-01", 2),
      point("2026-09-01", "2026-10-01", 1),
    ];
    const series = recentSeries(newestFirst as never);
    expect(series.map((p) => p.value)).toEqual([1, 2, 3]);
  });

  it("takes fiscal quarters and Sunday weeks as quarters and weeks, not as clipped ranges", () => {
    const quarters = [
      point("2026-08-01", "2026-11-01", 3), // fiscal_year_start: 2
      point("2026-10-01", "2026-10-20", 99), // a range
      point("2026-05-01", "2026-08-01", 2),
    ];
    expect(recentSeries(quarters as never).map((p) => p.value)).toEqual([2, 3]);
    const weeks = [
      point("2026-11-22", "2026-11-29", 5), // week_start: sunday
      point("2026-11-03", "2026-11-13", 99),
      point("2026-11-15", "2026-11-22", 4),
    ];
    expect(recentSeries(weeks as never).map((p) => p.value)).toEqual([4, 5]);
  });
});
