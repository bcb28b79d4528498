import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { STATUSES, statusOf } from "@kpi-as-code/runner";
import { expectedValue, FORECAST_MIN_POINTS, FORECAST_POINTS } from "@kpi-as-code/runner/pace";
import { describe, expect, it } from "vitest";

const OCTOBER = { start: "2026-10-01", end: "2026-11-01" };
const FORMAT_DOC = resolve(import.meta.dirname, "../../../docs/format.md");

/** The text of docs/format.md's "### Status" section, up to the next heading. */
function statusSection(): string {
  const text = readFileSync(FORMAT_DOC, "utf8");
  const start = text.indexOf("\n### Status\n");
  expect(start).toBeGreaterThan(0);
  const end = text.indexOf("\n#", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

describe("the status rules in docs/format.md", () => {
  it("has one table row per status the runner gives", () => {
    const rows = [...statusSection().matchAll(/^\| `([a-z_]+)` \|/gm)].map((match) => match[1]);
    expect([...rows].sort()).toEqual([...STATUSES].sort());
  });

  it("holds its worked examples: equality counts as beyond", () => {
    const section = statusSection();
    expect(section).toContain("`warning: 0.27`, a value of `0.27` is at risk");
    expect(statusOf(0.27, { direction: "increase", thresholds: { warning: 0.27 } }, OCTOBER)).toBe("at_risk");
    expect(section).toContain("`critical: 8`, a value of `8` is off track");
    expect(statusOf(8, { direction: "decrease", thresholds: { critical: 8 } }, OCTOBER)).toBe("off_track");
  });

  it("holds its pace examples: the expected value, CSAT off track below its baseline", () => {
    const section = statusSection();
    const target = {
      baseline: { value: 0.25, at: "2026-09-30" },
      short_term: { value: 0.3, by: "2026-12-31" },
    };
    expect(section).toContain("expects `0.25 + 0.05 × 31 / 92 ≈ 0.2668`");
    expect(expectedValue({ target }, OCTOBER)).toBeCloseTo(0.2668, 4);
    const csat = {
      direction: "increase" as const,
      thresholds: { warning: 65, critical: 60 },
      target: { baseline: { value: 70, at: "2026-09-30" }, short_term: { value: 75, by: "2027-03-31" } },
    };
    expect(section).toContain("a CSAT of 67% with thresholds 65 / 60");
    expect(statusOf(67, csat, { start: "2027-03-01", end: "2027-04-01" })).toBe("off_track");
  });

  it("names the forecast's numbers as the runner uses them", () => {
    const section = statusSection();
    expect(section).toContain(`the newest **${FORECAST_POINTS}** recorded`);
    expect(section).toContain(`at least **${FORECAST_MIN_POINTS}** such values`);
  });
});
