import { evaluateFormula, type FormulaNode, parseFormula, shiftedIdentifiers } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";

function parse(source: string): FormulaNode {
  const result = parseFormula(source);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(source)} to parse: ${result.error.message}`);
  return result.ast;
}

function failure(source: string) {
  const result = parseFormula(source);
  if (result.ok) throw new Error(`expected ${JSON.stringify(source)} not to parse`);
  return { rule: result.error.rule, at: source.slice(result.error.span.start, result.error.span.end) };
}

describe("previous(x[, n]) in formulas (spec 4.6)", () => {
  it("reads each identifier with the number of periods back, nested calls adding up", () => {
    const ast = parse("revenue / previous(revenue) - previous(previous(cost, 2) + fee, 12)");
    const reads = shiftedIdentifiers(ast).map(({ identifier, shift }) => `${identifier.name}@${shift}`);
    expect(reads).toEqual(["revenue@0", "revenue@1", "cost@14", "fee@12"]);
  });

  it("takes n = 1 by default and up to 366, and keeps `previous` usable as a plain name", () => {
    expect(parse("previous(x)")).toMatchObject({ kind: "previous", periods: 1 });
    expect(parse("previous(x, 366)")).toMatchObject({ kind: "previous", periods: 366 });
    expect(parse("previous + 1")).toMatchObject({
      kind: "binary",
      left: { kind: "identifier", name: "previous" },
    });
  });

  it("evaluates month-on-month growth from the values the lookup gives per shift", () => {
    const values: Record<string, number | null> = { "revenue@0": 120, "revenue@1": 100, "revenue@12": null };
    const lookup = (name: string, shift: number) => values[`${name}@${shift}`] ?? null;
    expect(evaluateFormula(parse("revenue / previous(revenue) - 1"), lookup).value).toBeCloseTo(0.2);
    const none = evaluateFormula(parse("revenue - previous(revenue, 12)"), lookup);
    expect(none.value).toBeNull();
    expect(evaluateFormula(parse("previous(revenue) / previous(revenue) - 1"), lookup).value).toBe(0);
  });

  it.each([
    ["previous()", "previous()"],
    ["previous(x, 0)", "0"],
    ["previous(x, 367)", "367"],
    ["previous(x, 1.5)", "1.5"],
    ["previous(x, n)", "n"],
    ["previous(x, -1)", "-1"],
    ["previous(x, 1, 2)", "2"],
    ["previous(x, 1, 2, 3)", "2, 3"],
    ["previous(previous(x, 300), 67)", "previous(previous(x, 300), 67)"],
  ])("%s is a previous-arity error at the offending argument", (source, at) => {
    expect(failure(source)).toEqual({ rule: "measurability/previous-arity", at });
  });

  it("leaves other syntax errors to formula-syntax (no rule of their own)", () => {
    expect(failure("previous(x,")).toMatchObject({ rule: undefined });
    expect(failure("prev(x)")).toEqual({ rule: undefined, at: "prev" });
  });
});
