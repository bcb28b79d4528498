import type { LeadLagAnalysis, LeadLagResult } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { formatLeadLagJson, formatLeadLagText, pairLine } from "../../src/analysis-output/lead-lag-text.js";

const base: LeadLagResult = {
  goal: "g",
  leading: "trials",
  lagging: "orders",
  lag: 1,
  r: 0.8,
  n: 10,
  verdict: "supports",
  cadence: "monthly",
  periods: [],
  leadingSeries: [],
  laggingSeries: [],
};

describe("the lines of kpi analyze", () => {
  it("say what each verdict means, with r, lag and n", () => {
    expect(pairLine(base, 12)).toBe(
      "trials -> orders: supports (r = 0.80 at lag 1, n = 10): when trials got better, orders tended to get better 1 month later.",
    );
    expect(pairLine({ ...base, r: -0.7, lag: 2, verdict: "contradicts", cadence: "weekly" }, 12)).toBe(
      "trials -> orders: contradicts (r = -0.70 at lag 2, n = 10): when trials got better, orders tended to get worse 2 weeks later.",
    );
    expect(pairLine({ ...base, r: 0.9, n: 4, verdict: "inconclusive", note: "too_few_pairs" }, 5)).toContain(
      "too few months to say (at least 6 pairs of changes are needed)",
    );
    expect(
      pairLine({ ...base, r: null, lag: null, verdict: "inconclusive", note: "no_variation" }, 12),
    ).toContain("did not change");
    expect(pairLine({ ...base, lag: 0, note: "missing_data" }, 12)).toContain(
      "in the same month. Months without a value were left out.",
    );
    expect(pairLine({ ...base, verdict: "inconclusive", note: "error", message: "no table" }, 12)).toBe(
      "trials -> orders: inconclusive: could not be computed (no table).",
    );
  });

  it("end with the caveat, in text and in JSON, and never print NaN", () => {
    const analysis: LeadLagAnalysis = {
      today: "2026-12-15",
      periods: 12,
      maxLag: 3,
      pairs: [{ ...base, r: null, lag: null, verdict: "inconclusive", note: "no_variation" }],
      unpaired: [{ goal: "side", missing: "lagging" }],
    };
    const text = formatLeadLagText(analysis);
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/^A correlation is evidence, not proof of cause/);
    expect(text).toContain("goal side: no lagging KPI");
    const json = JSON.parse(formatLeadLagJson(analysis));
    expect(json.caveat).toMatch(/^A correlation is evidence, not proof of cause/);
    expect(json.pairs[0]).toEqual({
      goal: "g",
      leading: "trials",
      lagging: "orders",
      lag: null,
      r: null,
      n: 10,
      verdict: "inconclusive",
      note: "no_variation",
    });
    expect(text + JSON.stringify(json)).not.toContain("NaN");
  });
});
