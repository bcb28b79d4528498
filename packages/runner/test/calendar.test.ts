import { describe, expect, it } from "vitest";
import {
  type Calendar,
  DEFAULT_CALENDAR,
  defaultPeriod,
  isCadencePeriod,
  isTimeZone,
  localDate,
  localMidnightUtc,
  parsePeriodShorthand,
  seriesBuckets,
} from "../src/periods/index.js";

const sundayWeeks: Calendar = { ...DEFAULT_CALENDAR, weekStart: "sunday" };
const aprilFiscal: Calendar = { ...DEFAULT_CALENDAR, fiscalYearStart: 4 };
const berlin: Calendar = { ...DEFAULT_CALENDAR, timezone: "Europe/Berlin" };

describe("calendar (spec 4.7)", () => {
  it("turns local midnights into UTC instants, across daylight-saving shifts", () => {
    expect(localMidnightUtc("2026-10-01", berlin)).toBe("2026-09-30 22:00:00");
    expect(localMidnightUtc("2026-11-01", berlin)).toBe("2026-10-31 23:00:00");
    expect(localMidnightUtc("2026-10-01", DEFAULT_CALENDAR)).toBe("2026-10-01 00:00:00");
    expect(localMidnightUtc("2026-11-02", { ...DEFAULT_CALENDAR, timezone: "America/New_York" })).toBe(
      "2026-11-02 05:00:00",
    );
    expect(localMidnightUtc("2026-04-01", { ...DEFAULT_CALENDAR, timezone: "Asia/Kolkata" })).toBe(
      "2026-03-31 18:30:00",
    );
  });

  it("knows IANA zones and refuses unknown ones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Europe/Berlinn")).toBe(false);
  });

  it("reads today's date in the calendar's zone", () => {
    const instant = new Date(Date.UTC(2026, 8, 30, 22, 30));
    expect(localDate(instant, berlin)).toBe("2026-10-01");
    expect(localDate(instant, DEFAULT_CALENDAR)).toBe("2026-09-30");
  });

  it("starts weeks on Sunday: 2026-W47 is the Sunday before ISO week 47's Monday", () => {
    expect(parsePeriodShorthand("2026-W47")).toEqual({ start: "2026-11-16", end: "2026-11-23" });
    expect(parsePeriodShorthand("2026-W47", sundayWeeks)).toEqual({ start: "2026-11-15", end: "2026-11-22" });
    expect(defaultPeriod("weekly", "2026-11-18", sundayWeeks)).toEqual({
      start: "2026-11-08",
      end: "2026-11-15",
    });
    expect(
      seriesBuckets({ start: "2026-11-01", end: "2026-11-15" }, "week", sundayWeeks).map((b) => b.key),
    ).toEqual(["2026-11-01", "2026-11-08"]);
  });

  it("knows a fiscal year as one period of cadence yearly", () => {
    expect(isCadencePeriod({ start: "2025-04-01", end: "2026-04-01" }, "yearly")).toBe(true);
    expect(isCadencePeriod({ start: "2026-01-01", end: "2026-04-01" }, "yearly")).toBe(false);
  });

  it("names fiscal quarters and years by the calendar year the fiscal year starts in", () => {
    expect(parsePeriodShorthand("2026-Q1", aprilFiscal)).toEqual({ start: "2026-04-01", end: "2026-07-01" });
    expect(parsePeriodShorthand("2026-Q4", aprilFiscal)).toEqual({ start: "2027-01-01", end: "2027-04-01" });
    expect(parsePeriodShorthand("2026", aprilFiscal)).toEqual({ start: "2026-04-01", end: "2027-04-01" });
    expect(parsePeriodShorthand("2026")).toEqual({ start: "2026-01-01", end: "2027-01-01" });
    expect(defaultPeriod("quarterly", "2026-05-10", aprilFiscal)).toEqual({
      start: "2026-01-01",
      end: "2026-04-01",
    });
    expect(defaultPeriod("quarterly", "2026-08-10", aprilFiscal)).toEqual({
      start: "2026-04-01",
      end: "2026-07-01",
    });
    expect(defaultPeriod("yearly", "2026-03-31", aprilFiscal)).toEqual({
      start: "2024-04-01",
      end: "2025-04-01",
    });
    expect(defaultPeriod("yearly", "2026-04-01", aprilFiscal)).toEqual({
      start: "2025-04-01",
      end: "2026-04-01",
    });
    expect(
      seriesBuckets({ start: "2026-02-01", end: "2026-08-01" }, "quarter", aprilFiscal).map((b) => b.key),
    ).toEqual(["2026-01-01", "2026-04-01", "2026-07-01"]);
  });
});
