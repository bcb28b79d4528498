import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { STATUSES, statusOf } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";

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
    expect(statusOf(0.27, { direction: "increase", thresholds: { warning: 0.27 } })).toBe("at_risk");
    expect(section).toContain("`critical: 8`, a value of `8` is off track");
    expect(statusOf(8, { direction: "decrease", thresholds: { critical: 8 } })).toBe("off_track");
  });
});
