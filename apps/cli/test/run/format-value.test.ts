import { describe, expect, it } from "vitest";
import {
  formatDuration,
  formatPeriod,
  formatTarget,
  formatValue,
  sparkline,
} from "../../src/run-output/index.js";

describe("formatValue by unit", () => {
  it("shows ratios (0..1) and percents (0..100) as percentages with one decimal", () => {
    expect(formatValue(0.3125, { unit: "ratio" })).toBe("31.3%");
    expect(formatValue(0.05, { unit: "ratio" })).toBe("5.0%");
    expect(formatValue(31.25, { unit: "percent" })).toBe("31.3%");
  });

  it("shows currency with its ISO code and cents, thousands separated", () => {
    expect(formatValue(1234.5, { unit: "currency", currency: "EUR" })).toBe("EUR 1,234.50");
    expect(formatValue(-3, { unit: "currency", currency: "USD" })).toBe("-USD 3.00");
    expect(formatValue(12, { unit: "currency", currency: "XQQ1" })).toBe("XQQ1 12");
  });

  it("shows counts with thousands separators", () => {
    expect(formatValue(1234567, { unit: "count" })).toBe("1,234,567");
    expect(formatValue(12.345, { unit: "count" })).toBe("12.35");
  });

  it("shows a score as its number: the scale belongs in hovers and the report", () => {
    expect(formatValue(15.07, { unit: "score", range: [-100, 100] })).toBe("15.07");
    expect(formatValue(7.25, { unit: "score" })).toBe("7.25");
  });

  it("shows durations (hours in KPI files) as hours and minutes, never days", () => {
    expect(formatValue(5.2, { unit: "duration" })).toBe("5h 12m");
    expect(formatValue(8.07, { unit: "duration" })).toBe("8h 04m");
    // A 24-hour SLA: "1d 0h" would hide the 34 minutes that decide it.
    expect(formatValue(24.5667, { unit: "duration" })).toBe("24h 34m");
    expect(formatValue(52, { unit: "duration" })).toBe("52h 00m");
    expect(formatValue(0.25, { unit: "duration" })).toBe("15m");
    expect(formatDuration(42)).toBe("42s");
    expect(formatDuration(200)).toBe("3m");
    expect(formatDuration(3900)).toBe("1h 05m");
    expect(formatDuration(3599.8)).toBe("1h 00m");
    expect(formatDuration(-90)).toBe("-2m");
  });

  it("shows a missing value as a dash whatever the unit", () => {
    expect(formatValue(null, { unit: "ratio" })).toBe("—");
    expect(formatValue(Number.NaN)).toBe("—");
  });
});

describe("periods, targets and sparklines", () => {
  it("spells a period the way --period does when it is one", () => {
    expect(formatPeriod({ start: "2026-11-01", end: "2026-12-01" })).toBe("2026-11");
    expect(formatPeriod({ start: "2026-10-01", end: "2027-01-01" })).toBe("2026-Q4");
    expect(formatPeriod({ start: "2026-11-16", end: "2026-11-23" })).toBe("2026-W47");
    expect(formatPeriod({ start: "2026-12-28", end: "2027-01-04" })).toBe("2026-W53");
    expect(formatPeriod({ start: "2026-11-26", end: "2026-11-27" })).toBe("2026-11-26");
    expect(formatPeriod({ start: "2026-11-03", end: "2026-11-21" })).toBe("2026-11-03..2026-11-20");
  });

  it("shows the target with the comparison its direction implies and the thresholds", () => {
    const target = {
      kind: "short_term" as const,
      value: 0.3,
      by: "2026-12-31",
      warning: 0.27,
      critical: 0.22,
    };
    expect(formatTarget(target, { unit: "ratio", direction: "increase" })).toBe(
      "≥ 30.0% by 2026-12-31, warning 27.0%, critical 22.0%",
    );
    expect(formatTarget({ kind: "threshold", value: null, warning: 5 }, { direction: "decrease" })).toBe(
      "warning 5",
    );
    expect(formatTarget(null)).toBe("");
    expect(formatTarget({ kind: "none", value: null })).toBe("");
  });

  it("draws the lowest value lowest and the highest highest, a gap for a missing one", () => {
    expect(sparkline([1, 8, null, 4.5])).toBe("▁█ ▅");
    expect(sparkline([2, 2])).toBe("▄▄");
    expect(sparkline([])).toBe("");
  });
});
