import {
  defaultPeriod,
  isCadencePeriod,
  parsePeriodShorthand,
  periodFromRange,
  periodGrain,
  previousPeriod,
  RunnerError,
  seriesBuckets,
} from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof RunnerError ? error.code : "not a RunnerError";
  }
  return undefined;
}

describe("parsePeriodShorthand", () => {
  it.each([
    ["2026-11", "2026-11-01", "2026-12-01"],
    ["2026-12", "2026-12-01", "2027-01-01"],
    ["2026-02", "2026-02-01", "2026-03-01"],
    ["2026-Q4", "2026-10-01", "2027-01-01"],
    ["2026-Q1", "2026-01-01", "2026-04-01"],
    ["2026-11-26", "2026-11-26", "2026-11-27"],
    ["2026-12-31", "2026-12-31", "2027-01-01"],
    ["2028-02-29", "2028-02-29", "2028-03-01"],
    ["2026-W47", "2026-11-16", "2026-11-23"],
    ["2026-W01", "2025-12-29", "2026-01-05"],
    ["2026-W53", "2026-12-28", "2027-01-04"],
    ["2027-W01", "2027-01-04", "2027-01-11"],
    ["2020-W53", "2020-12-28", "2021-01-04"],
    ["2021-W01", "2021-01-04", "2021-01-11"],
  ])("%s is [%s, %s)", (text, start, end) => {
    expect(parsePeriodShorthand(text)).toEqual({ start, end });
  });

  it.each(["2027-W53", "2026-W00", "2026-13", "2026-Q5", "2026-02-30", "november", "2026-11-26T00:00"])(
    "rejects %s",
    (text) => {
      expect(codeOf(() => parsePeriodShorthand(text))).toBe("period/invalid");
    },
  );
});

describe("periodFromRange", () => {
  it("keeps --to exclusive", () => {
    expect(periodFromRange("2026-01-01", "2026-04-01")).toEqual({ start: "2026-01-01", end: "2026-04-01" });
  });
  it("rejects an empty or inverted range and bad dates", () => {
    expect(codeOf(() => periodFromRange("2026-04-01", "2026-04-01"))).toBe("period/invalid");
    expect(codeOf(() => periodFromRange("2026-05-01", "2026-04-01"))).toBe("period/invalid");
    expect(codeOf(() => periodFromRange("2026-04-31", "2026-05-01"))).toBe("period/invalid");
  });
});

describe("defaultPeriod: the last complete period of the cadence", () => {
  it.each([
    ["daily", "2026-11-26", "2026-11-25", "2026-11-26"],
    ["daily", "2026-01-01", "2025-12-31", "2026-01-01"],
    ["weekly", "2026-11-26", "2026-11-16", "2026-11-23"],
    ["weekly", "2026-11-23", "2026-11-16", "2026-11-23"],
    ["weekly", "2027-01-06", "2026-12-28", "2027-01-04"],
    ["monthly", "2026-11-26", "2026-10-01", "2026-11-01"],
    ["monthly", "2026-01-01", "2025-12-01", "2026-01-01"],
    ["quarterly", "2026-11-26", "2026-07-01", "2026-10-01"],
    ["quarterly", "2026-02-10", "2025-10-01", "2026-01-01"],
  ] as const)("%s as of %s is [%s, %s)", (cadence, today, start, end) => {
    expect(defaultPeriod(cadence, today)).toEqual({ start, end });
  });
});

describe("seriesBuckets", () => {
  it("splits a range into months", () => {
    expect(seriesBuckets({ start: "2026-01-01", end: "2026-04-01" }, "month")).toEqual([
      { key: "2026-01-01", start: "2026-01-01", end: "2026-02-01" },
      { key: "2026-02-01", start: "2026-02-01", end: "2026-03-01" },
      { key: "2026-03-01", start: "2026-03-01", end: "2026-04-01" },
    ]);
  });
  it("clips the first and last bucket to the period", () => {
    const buckets = seriesBuckets({ start: "2026-11-26", end: "2026-12-03" }, "week");
    expect(buckets).toEqual([
      { key: "2026-11-23", start: "2026-11-26", end: "2026-11-30" },
      { key: "2026-11-30", start: "2026-11-30", end: "2026-12-03" },
    ]);
  });
  it("gives quarters and days", () => {
    expect(seriesBuckets({ start: "2026-01-01", end: "2027-01-01" }, "quarter").map((b) => b.key)).toEqual([
      "2026-01-01",
      "2026-04-01",
      "2026-07-01",
      "2026-10-01",
    ]);
    expect(seriesBuckets({ start: "2026-02-27", end: "2026-03-02" }, "day").map((b) => b.key)).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
    ]);
  });
});

describe("previousPeriod: the period of the same length just before", () => {
  it.each([
    ["2026-11-01", "2026-12-01", "2026-10-01", "2026-11-01"],
    ["2026-01-01", "2026-02-01", "2025-12-01", "2026-01-01"],
    ["2026-01-01", "2026-04-01", "2025-10-01", "2026-01-01"],
    ["2026-11-16", "2026-11-23", "2026-11-09", "2026-11-16"],
    ["2026-03-01", "2026-03-02", "2026-02-28", "2026-03-01"],
    ["2026-11-03", "2026-11-21", "2026-10-16", "2026-11-03"],
  ])("%s..%s -> %s..%s", (start, end, previousStart, previousEnd) => {
    expect(previousPeriod({ start, end })).toEqual({ start: previousStart, end: previousEnd });
  });
});

describe("periodGrain and isCadencePeriod", () => {
  it("names the grain a period is one bucket of, and nothing for a clipped range", () => {
    expect(periodGrain({ start: "2026-11-01", end: "2026-12-01" })).toBe("month");
    expect(periodGrain({ start: "2026-07-01", end: "2026-10-01" })).toBe("quarter");
    expect(periodGrain({ start: "2026-11-16", end: "2026-11-23" })).toBe("week");
    expect(periodGrain({ start: "2026-11-26", end: "2026-11-27" })).toBe("day");
    expect(periodGrain({ start: "2026-11-03", end: "2026-11-21" })).toBeUndefined();
  });

  it("keeps a quarter apart from a monthly KPI's months", () => {
    expect(isCadencePeriod({ start: "2026-11-01", end: "2026-12-01" }, "monthly")).toBe(true);
    expect(isCadencePeriod({ start: "2026-07-01", end: "2026-10-01" }, "monthly")).toBe(false);
    expect(isCadencePeriod({ start: "2026-07-01", end: "2026-10-01" }, "quarterly")).toBe(true);
    expect(isCadencePeriod({ start: "2026-07-01", end: "2026-10-01" }, undefined)).toBe(false);
  });
});
