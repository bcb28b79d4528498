import { describe, expect, it } from "vitest";
import {
  type Calendar,
  DEFAULT_CALENDAR,
  isCadencePeriod,
  parsePeriodShorthand,
  periodLabel,
} from "../../src/index.js";

const FISCAL_APRIL: Calendar = { ...DEFAULT_CALENDAR, fiscalYearStart: 4 };
const FISCAL_FEBRUARY: Calendar = { ...DEFAULT_CALENDAR, fiscalYearStart: 2 };
const SUNDAY: Calendar = { ...DEFAULT_CALENDAR, weekStart: "sunday" };

describe("periodLabel (spec 4.7)", () => {
  it("names a fiscal quarter and year by the calendar year the fiscal year starts in", () => {
    expect(periodLabel({ start: "2025-07-01", end: "2025-10-01" }, FISCAL_APRIL)).toBe("2025-Q2");
    expect(periodLabel({ start: "2026-01-01", end: "2026-04-01" }, FISCAL_APRIL)).toBe("2025-Q4");
    expect(periodLabel({ start: "2026-04-01", end: "2027-04-01" }, FISCAL_APRIL)).toBe("2026");
    expect(periodLabel({ start: "2026-11-01", end: "2027-02-01" }, FISCAL_FEBRUARY)).toBe("2026-Q4");
    // Not a fiscal quarter there: a range, not a calendar quarter's name.
    expect(periodLabel({ start: "2026-01-01", end: "2026-04-01" }, FISCAL_FEBRUARY)).toBe(
      "2026-01-01..2026-03-31",
    );
    expect(periodLabel({ start: "2026-01-01", end: "2027-01-01" }, FISCAL_APRIL)).toBe(
      "2026-01-01..2026-12-31",
    );
  });

  it("gives back what --period reads, in every calendar", () => {
    const texts = ["2026-11", "2026-W47", "2026-W01", "2020-W53", "2026-Q1", "2026-Q4", "2026", "2026-11-26"];
    for (const calendar of [DEFAULT_CALENDAR, FISCAL_APRIL, FISCAL_FEBRUARY, SUNDAY]) {
      for (const text of texts)
        expect(periodLabel(parsePeriodShorthand(text, calendar), calendar)).toBe(text);
    }
  });

  it("names a Sunday week only where weeks start on Sunday", () => {
    const sundayWeek = { start: "2026-11-15", end: "2026-11-22" };
    expect(periodLabel(sundayWeek, SUNDAY)).toBe("2026-W47");
    expect(periodLabel(sundayWeek, DEFAULT_CALENDAR)).toBe("2026-11-15..2026-11-21");
  });

  it("takes a fiscal quarter as one period of cadence quarterly", () => {
    const quarter = { start: "2026-05-01", end: "2026-08-01" };
    expect(isCadencePeriod(quarter, "quarterly", FISCAL_FEBRUARY)).toBe(true);
    expect(isCadencePeriod(quarter, "quarterly")).toBe(false);
  });
});
