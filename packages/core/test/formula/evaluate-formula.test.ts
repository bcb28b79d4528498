import { evaluateFormula, type FormulaValue, parseFormula } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";

function evaluate(source: string, values: Record<string, number | null> = {}): FormulaValue {
  const parsed = parseFormula(source);
  if (!parsed.ok) throw new Error(`expected ${JSON.stringify(source)} to parse`);
  return evaluateFormula(parsed.ast, (name) => {
    if (!(name in values)) throw new Error(`unexpected lookup of ${name}`);
    return values[name] ?? null;
  });
}

function noValue(result: FormulaValue): string {
  if (result.value !== null) throw new Error(`expected no value, got ${result.value}`);
  expect(result.reason.length).toBeGreaterThan(0);
  return result.reason;
}

describe("evaluateFormula: arithmetic", () => {
  it.each([
    ["activated / signups", { activated: 30, signups: 120 }, 0.25],
    ["a + b * c", { a: 1, b: 2, c: 3 }, 7],
    ["(a + b) * c", { a: 1, b: 2, c: 3 }, 9],
    ["a - b - c", { a: 10, b: 3, c: 2 }, 5],
    ["a / b / c", { a: 24, b: 4, c: 2 }, 3],
    ["-a * b", { a: 2, b: 3 }, -6],
    ["a - -b", { a: 2, b: 3 }, 5],
    ["--a", { a: 4 }, 4],
    ["100 * a / b", { a: 1, b: 8 }, 12.5],
    ["min(a, b, c)", { a: 3, b: -1, c: 2 }, -1],
    ["max(a, b, c)", { a: 3, b: -1, c: 2 }, 3],
    ["max(a)", { a: 5 }, 5],
    ["abs(a - b)", { a: 2, b: 7 }, 5],
    ["0 * a", { a: 0 }, 0],
  ])("%s with %j is %d", (source, values, expected) => {
    expect(evaluate(source, values)).toEqual({ value: expected });
  });

  it("evaluates a formula without identifiers", () => {
    expect(evaluate("1.5e2 / 3 - .5")).toEqual({ value: 49.5 });
  });
});

describe("evaluateFormula: no value instead of NaN or Infinity", () => {
  it("gives no value when an operand has none, naming it", () => {
    const reason = noValue(evaluate("a / b", { a: 1, b: null }));
    expect(reason).toContain("b");
  });

  it.each([
    ["a + b", { a: null, b: 1 }],
    ["-a", { a: null }],
    ["min(a, b)", { a: 1, b: null }],
    ["abs(a)", { a: null }],
    ["(a * 0)", { a: null }],
  ])("%s with %j has no value", (source, values) => {
    noValue(evaluate(source, values));
  });

  it.each([
    ["a / b", { a: 1, b: 0 }],
    ["a / b", { a: 0, b: 0 }],
    ["a / (b - c)", { a: 5, b: 2, c: 2 }],
    ["a / -b", { a: 1, b: 0 }],
    ["1 + a / b", { a: -1, b: 0 }],
  ])("division by zero: %s with %j has no value", (source, values) => {
    noValue(evaluate(source, values));
  });

  it("gives the same reason for a division by zero whatever the dividend", () => {
    expect(noValue(evaluate("a / b", { a: 1, b: 0 }))).toBe(noValue(evaluate("a / b", { a: 0, b: 0 })));
  });

  it.each([
    ["a * b", { a: 1e200, b: 1e200 }],
    ["a + b", { a: Number.MAX_VALUE, b: Number.MAX_VALUE }],
    ["a / b", { a: 1e300, b: 1e-300 }],
  ])("overflow: %s with %j has no value", (source, values) => {
    noValue(evaluate(source, values));
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
  ])("an operand that is %s counts as no value", (_name, bad) => {
    noValue(evaluate("a + 1", { a: bad }));
    noValue(evaluate("abs(a)", { a: bad }));
  });

  it("never yields NaN or Infinity for any combination of awkward operands", () => {
    const awkward = [0, -0, 1, -1, 1e-320, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, null];
    const formulas = ["a / b", "a * b", "a - b", "a + b", "min(a, b) / max(a, b)", "abs(a) / -b"];
    for (const source of formulas) {
      for (const a of awkward) {
        for (const b of awkward) {
          const result = evaluate(source, { a, b });
          if (result.value !== null) expect(Number.isFinite(result.value)).toBe(true);
        }
      }
    }
  });
});
