import { analyzeFile, buildWorkspace } from "@kpi-as-code/core";
import type { KpiResult } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { buildReportModel, renderReportHtml, type TrendPoint } from "../src/index.js";

// Spec 5.1 in the report: the expected value beside the actual one, and the trend forecast.
const workspace = buildWorkspace(
  [
    { file: "kpi.yaml", text: "project: p\nsources:\n  app: { type: duckdb }\n" },
    {
      file: "kpis/conversion.kpi.yaml",
      text: [
        "kpi: conversion",
        "name: Conversion",
        "unit: percent",
        "direction: increase",
        "cadence: weekly",
        "formula: 1",
        "target:",
        "  baseline: { value: 20, at: 2026-09-30 }",
        "  short_term: { value: 30, by: 2026-12-31 }",
        "  mid_term: { value: 40, by: 2027-06-30 }",
        "",
      ].join("\n"),
    },
    {
      file: "kpis/plain.kpi.yaml",
      text: "kpi: plain\nname: Plain\ndirection: increase\ncadence: weekly\nformula: 1\n",
    },
  ].map((file) => analyzeFile(file)),
);

const week = (start: string): { start: string; end: string } => ({
  start,
  end: new Date(Date.parse(start) + 7 * 86_400_000).toISOString().slice(0, 10),
});
const result = (kpi: string, value: number, expected: number | null): KpiResult => ({
  kpi,
  version: 1,
  period: week("2026-11-16"),
  value,
  measures: {},
  status: "at_risk",
  target: null,
  expected,
  definitionHash: "h",
});

function model(points: TrendPoint[]) {
  return buildReportModel({
    workspace,
    // 2026-11-22 is 53 of the 92 days from 20% to 30%: 20 + 10 * 53 / 92 = 25.76%
    run: { period: week("2026-11-16"), results: [result("conversion", 24, 25.76), result("plain", 3, null)] },
    trends: new Map([["conversion", { source: "history" as const, points }]]),
    history: new Map(),
    today: "2026-11-27",
  });
}
const view = (built: ReturnType<typeof model>, id: string) =>
  [...built.unaligned, ...built.goals.flatMap((goal) => [...goal.leading, ...goal.lagging])].find(
    (entry) => entry.id === id,
  );

describe("the report's pace", () => {
  // +1 point a week, 24 on 2026-11-22; 2026-12-31 is 39 days later: 24 + 39 / 7 = 29.57, shown 29.6%
  const weeks = ["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"].map((start, index) => ({
    ...week(start),
    value: 21 + index,
  }));

  it("shows the expected value with the target ahead, and the forecast at the short-term date", () => {
    const conversion = view(model(weeks), "conversion");
    expect(conversion).toMatchObject({
      expected: 25.76,
      expectedText: "expected 25.8% now, 30.0% by 2026-12-31",
      forecastText: "on this trend: 29.6% by 2026-12-31 (target 30.0%)",
    });
    const html = renderReportHtml(model(weeks));
    expect(html).toContain(
      '<p class="kpi-pace" data-expected="25.76">Expected 25.8% now, 30.0% by 2026-12-31</p>',
    );
    expect(html).toContain("On this trend: 29.6% by 2026-12-31 (target 30.0%)");
  });

  it("says why there is no forecast with fewer than 4 recorded weeks, and shows nothing without a target", () => {
    const built = model(weeks.slice(1));
    expect(view(built, "conversion")?.forecastText).toBe(
      "no forecast: 3 periods of the cadence with a value, 4 needed",
    );
    expect(view(built, "plain")).toMatchObject({ expected: null, expectedText: "", forecastText: null });
    expect(renderReportHtml(built)).toContain("No forecast: 3 periods of the cadence with a value, 4 needed");
  });
});
