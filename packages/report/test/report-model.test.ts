import type { HistoryRecord, KpiResult } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { escapeHtml, jsonForScript } from "../src/html/escape.js";
import { statusChanges, targetPath, thresholdBands, trendFromHistory } from "../src/index.js";

describe("thresholdBands", () => {
  it("orders the bands from the bad end to the good end of an increasing KPI", () => {
    expect(thresholdBands({ direction: "increase", thresholds: { warning: 0.42, critical: 0.3 } })).toEqual([
      { status: "off_track", from: null, to: 0.3 },
      { status: "at_risk", from: 0.3, to: 0.42 },
      { status: "on_track", from: 0.42, to: null },
    ]);
  });

  it("puts off track above critical for a decreasing KPI", () => {
    expect(thresholdBands({ direction: "decrease", thresholds: { warning: 260, critical: 300 } })).toEqual([
      { status: "off_track", from: 300, to: null },
      { status: "at_risk", from: 260, to: 300 },
      { status: "on_track", from: null, to: 260 },
    ]);
  });

  it("without thresholds, marks only what is worse than the baseline (the path divides the rest)", () => {
    const target = { baseline: { value: 8, at: "2026-09-30" }, short_term: { value: 10, by: "2027-01-01" } };
    expect(thresholdBands({ direction: "increase", target })).toEqual([
      { status: "off_track", from: null, to: 8 },
    ]);
    expect(thresholdBands({ direction: "decrease", target })).toEqual([
      { status: "off_track", from: 8, to: null },
    ]);
    expect(thresholdBands({ direction: "increase", target: { short_term: target.short_term } })).toEqual([]);
    expect(thresholdBands({ direction: "increase" })).toEqual([]);
  });
});

describe("targetPath", () => {
  it("runs baseline -> short term -> mid term, skipping what is missing", () => {
    expect(
      targetPath({
        short_term: { value: 2, by: "2027-01-01" },
        mid_term: { value: 3, by: "2027-06-30" },
      }).map((point) => point.label),
    ).toEqual(["short term", "mid term"]);
  });
});

function record(
  start: string,
  end: string,
  status: HistoryRecord["status"],
  extra: Partial<HistoryRecord> = {},
) {
  return {
    format: 1,
    runId: `${start}-${status}`,
    recordedAt: `${end}T00:00:00.000Z`,
    kpi: "k",
    version: 1,
    definitionHash: "h",
    period: { start, end },
    value: 1,
    measures: {},
    status,
    target: null,
    ...extra,
  } as HistoryRecord;
}

describe("trendFromHistory", () => {
  it("keeps the newest record per period, oldest period first, of the current version only", () => {
    const newestFirst = [
      record("2026-11-01", "2026-12-01", "on_track", { value: 3 }),
      record("2026-10-01", "2026-11-01", "on_track", { value: 2 }),
      record("2026-10-01", "2026-11-01", "at_risk", { value: 9 }),
      record("2026-09-01", "2026-10-01", "on_track", { value: 1, version: 0 }),
    ];
    expect(trendFromHistory(newestFirst, 1).map((point) => [point.start, point.value])).toEqual([
      ["2026-10-01", 2],
      ["2026-11-01", 3],
    ]);
  });
});

describe("trendFromHistory with a cadence", () => {
  it("keeps to periods of the cadence: a recorded quarter is no point on a monthly line", () => {
    const newestFirst = [
      record("2026-11-01", "2026-12-01", "on_track", { value: 3 }),
      record("2026-07-01", "2026-10-01", "on_track", { value: 240 }),
      record("2026-09-01", "2026-10-01", "on_track", { value: 2 }),
    ];
    expect(trendFromHistory(newestFirst, 1, "monthly").map((point) => point.start)).toEqual([
      "2026-09-01",
      "2026-11-01",
    ]);
    expect(trendFromHistory(newestFirst, 1, "quarterly").map((point) => point.value)).toEqual([240]);
  });
});

describe("statusChanges", () => {
  const result = {
    kpi: "k",
    period: { start: "2026-11-01", end: "2026-12-01" },
    status: "at_risk",
  } as KpiResult;

  it("compares with the newest record of an earlier period, not a re-run of the same one", () => {
    const history = new Map([
      ["k", [record("2026-11-01", "2026-12-01", "at_risk"), record("2026-10-01", "2026-11-01", "on_track")]],
    ]);
    expect(statusChanges([result], history, [])).toEqual([
      {
        kpi: "k",
        name: "k",
        from: "on_track",
        to: "at_risk",
        since: { start: "2026-10-01", end: "2026-11-01" },
      },
    ]);
  });

  it("compares a month with the month before, never with a newer recorded quarter", () => {
    const history = new Map([
      [
        "k",
        [record("2026-07-01", "2026-10-01", "on_track"), record("2026-10-01", "2026-11-01", "off_track")],
      ],
    ]);
    expect(statusChanges([result], history, []).map((change) => [change.from, change.since])).toEqual([
      ["off_track", { start: "2026-10-01", end: "2026-11-01" }],
    ]);
    const onlyQuarter = new Map([["k", [record("2026-07-01", "2026-10-01", "on_track")]]]);
    expect(statusChanges([result], onlyQuarter, [])).toEqual([]);
  });

  it("reports nothing without an earlier record or when the status held", () => {
    expect(statusChanges([result], new Map(), [])).toEqual([]);
    const held = new Map([["k", [record("2026-10-01", "2026-11-01", "at_risk")]]]);
    expect(statusChanges([result], held, [])).toEqual([]);
  });
});

describe("escaping", () => {
  it("keeps user text from closing the data script or injecting markup", () => {
    const json = jsonForScript({ description: "</script><script>alert(1)</script>" });
    expect(json).not.toContain("</script");
    expect(JSON.parse(json)).toEqual({ description: "</script><script>alert(1)</script>" });
    expect(escapeHtml(`<b a="1">&'`)).toBe("&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
  });
});
