import { parseFormula } from "@kpi-as-code/core";
import { decomposeChange, explainChange, mixRate } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { FUNNEL_TODAY, funnelWorkspace } from "./funnel-workspace.js";

const ast = (text: string) => {
  const parsed = parseFormula(text);
  if (!parsed.ok) throw new Error(text);
  return parsed.ast;
};
const total = (parts: { contribution: number }[]) => parts.reduce((sum, part) => sum + part.contribution, 0);

describe("decomposeChange", () => {
  it("splits a quotient by log-ratio, and the parts add up to the change", () => {
    // 52/100 = 0.52 -> 70/150 = 0.4667; L = (0.4667 - 0.52) / ln(0.4667 / 0.52)
    const split = decomposeChange(
      ast("activated / signups"),
      { activated: 52, signups: 100 },
      { activated: 70, signups: 150 },
    );
    expect(split?.method).toBe("log-ratio");
    const mean = (70 / 150 - 0.52) / Math.log(70 / 150 / 0.52);
    expect(split?.parts[0]?.contribution).toBeCloseTo(mean * Math.log(70 / 52), 12);
    expect(split?.parts[1]?.contribution).toBeCloseTo(-mean * Math.log(1.5), 12);
    expect(total(split?.parts ?? [])).toBeCloseTo(70 / 150 - 0.52, 12);
  });

  it("substitutes inputs in formula order for a sum, the parts telescoping to the change", () => {
    // (a + b) * 2: a 1 -> 4 gives +6, then b 2 -> 1 gives -2; change 10 - 6 = 4.
    const split = decomposeChange(ast("(a + b) * 2"), { a: 1, b: 2 }, { a: 4, b: 1 });
    expect(split?.method).toBe("sequential-substitution");
    expect(split?.parts.map((part) => [part.name, part.contribution])).toEqual([
      ["a", 6],
      ["b", -2],
    ]);
    expect(split?.change).toBe(4);
  });

  it("falls back to substitution when an input is 0, and gives no split without a value", () => {
    expect(decomposeChange(ast("a * b"), { a: 0, b: 2 }, { a: 3, b: 2 })?.method).toBe(
      "sequential-substitution",
    );
    expect(decomposeChange(ast("a / b"), { a: 1, b: 0 }, { a: 1, b: 2 })).toBeUndefined();
    expect(decomposeChange(ast("a / b"), { a: null, b: 1 }, { a: 1, b: 2 })).toBeUndefined();
  });
});

describe("mixRate", () => {
  it("splits a rate's change into mix and rate that add up to it", () => {
    // ads 40/80 -> 40/100, seo 12/20 -> 30/50: mix 0.02, rate -0.07333, change -0.05333.
    const split = mixRate(
      [
        { key: "ads", numerator: 40, denominator: 80 },
        { key: "seo", numerator: 12, denominator: 20 },
      ],
      [
        { key: "ads", numerator: 40, denominator: 100 },
        { key: "seo", numerator: 30, denominator: 50 },
      ],
    );
    expect(split?.mix).toBeCloseTo(0.02, 12);
    expect(split?.rate).toBeCloseTo((-0.1 * (0.8 + 2 / 3)) / 2, 12);
    expect((split?.mix ?? 0) + (split?.rate ?? 0)).toBeCloseTo(70 / 150 - 0.52, 12);
  });

  it("counts a segment new in the second period as mix only", () => {
    const split = mixRate(
      [{ key: "a", numerator: 1, denominator: 2 }],
      [
        { key: "a", numerator: 1, denominator: 2 },
        { key: "b", numerator: 2, denominator: 2 },
      ],
    );
    expect(split?.segments[1]).toEqual({ key: "b", mix: 0.5, rate: 0 });
    expect((split?.mix ?? 0) + (split?.rate ?? 0)).toBeCloseTo(0.75 - 0.5, 12);
  });
});

describe("explainChange on DuckDB", () => {
  it("splits activation_rate's change from 2026-10 to 2026-11 by input and by channel", async () => {
    const root = funnelWorkspace();
    const why = await explainChange({ root, kpi: "activation_rate", today: FUNNEL_TODAY });
    expect(why.period).toEqual({ start: "2026-11-01", end: "2026-12-01" });
    expect(why.previous).toEqual({ start: "2026-10-01", end: "2026-11-01" });
    expect(why.change).toBeCloseTo(70 / 150 - 0.52, 12);
    expect(why.inputs?.method).toBe("log-ratio");
    expect(total(why.inputs?.parts ?? [])).toBeCloseTo(why.change ?? 0, 12);
    const channel = why.segments.channel;
    expect(channel?.kind).toBe("mix-rate");
    if (channel?.kind !== "mix-rate") return;
    expect(channel.mix).toBeCloseTo(0.02, 12);
    expect(channel.mix + channel.rate).toBeCloseTo(why.change ?? 0, 12);
  });

  it("says why there is no split when the previous period has no value", async () => {
    // 2026-09 has no sign-ups: activation_rate is 0 / 0 there, no value.
    const why = await explainChange({
      root: funnelWorkspace(),
      kpi: "activation_rate",
      periodShorthand: "2026-10",
    });
    expect(why.before).toBeNull();
    expect(why.change).toBeNull();
    expect(why.inputs).toBeUndefined();
    expect(why.problem).toMatch(/previous period/);
  });

  it("splits a count's change among its channels", async () => {
    const root = funnelWorkspace();
    const why = await explainChange({ root, kpi: "signups", today: FUNNEL_TODAY });
    expect(why.change).toBe(50);
    const channel = why.segments.channel;
    expect(
      channel?.kind === "additive" && channel.parts.map((part) => [part.key, part.contribution]),
    ).toEqual([
      ["ads", 20],
      ["seo", 30],
    ]);
  });
});
