import { type FormulaNode, formulaIdentifiers, parseFormula } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";

function parse(source: string): FormulaNode {
  const result = parseFormula(source);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(source)} to parse`);
  return result.ast;
}

/** The tree as a fully parenthesized string, so precedence and associativity are visible. */
function shape(node: FormulaNode): string {
  switch (node.kind) {
    case "number":
      return String(node.value);
    case "identifier":
      return node.name;
    case "unary":
      return `(-${shape(node.operand)})`;
    case "binary":
      return `(${shape(node.left)} ${node.operator} ${shape(node.right)})`;
    case "call":
      return `${node.name}(${node.args.map(shape).join(", ")})`;
    case "previous":
      return `previous(${shape(node.operand)}, ${node.periods})`;
  }
}

function syntaxError(source: string) {
  const result = parseFormula(source);
  if (result.ok) throw new Error(`expected ${JSON.stringify(source)} not to parse`);
  return result.error;
}

describe("parseFormula: identifiers and their positions", () => {
  it("gives every identifier the exact span of its name, in source order", () => {
    const source = "  activated /max( signups ,1) - abs(-churn_2)+a";
    const identifiers = formulaIdentifiers(parse(source));
    expect(identifiers.map((identifier) => identifier.name)).toEqual([
      "activated",
      "signups",
      "churn_2",
      "a",
    ]);
    for (const identifier of identifiers) {
      expect(source.slice(identifier.span.start, identifier.span.end)).toBe(identifier.name);
    }
  });

  it("reports the same identifier once per occurrence", () => {
    const source = "x * x / x";
    const spans = formulaIdentifiers(parse(source)).map((identifier) => identifier.span.start);
    expect(spans).toEqual([0, 4, 8]);
  });

  it("spans of compound nodes cover their operands, parentheses included", () => {
    const source = "(a + b) * c";
    const root = parse(source);
    expect(root.span).toEqual({ start: 0, end: source.length });
    if (root.kind !== "binary") throw new Error("expected a binary node");
    expect(source.slice(root.left.span.start, root.left.span.end)).toBe("(a + b)");
  });

  it("gives a call the span of its name and of the whole call", () => {
    const source = "1 + min(a, b)";
    const root = parse(source);
    if (root.kind !== "binary" || root.right.kind !== "call") throw new Error("expected 1 + call");
    expect(source.slice(root.right.nameSpan.start, root.right.nameSpan.end)).toBe("min");
    expect(source.slice(root.right.span.start, root.right.span.end)).toBe("min(a, b)");
  });
});

describe("parseFormula: precedence and associativity", () => {
  it.each([
    ["a + b * c", "(a + (b * c))"],
    ["a * b + c", "((a * b) + c)"],
    ["a - b - c", "((a - b) - c)"],
    ["a / b / c", "((a / b) / c)"],
    ["a - b * c / d + e", "((a - ((b * c) / d)) + e)"],
    ["(a + b) * c", "((a + b) * c)"],
    ["a * (b - c)", "(a * (b - c))"],
    ["((a))", "a"],
  ])("%s parses as %s", (source, expected) => {
    expect(shape(parse(source))).toBe(expected);
  });
});

describe("parseFormula: unary minus", () => {
  it.each([
    ["-a", "(-a)"],
    ["--a", "(-(-a))"],
    ["-a * b", "((-a) * b)"],
    ["a * -b", "(a * (-b))"],
    ["a - -b", "(a - (-b))"],
    ["-(a + b)", "(-(a + b))"],
    ["-2 + 3", "((-2) + 3)"],
  ])("%s parses as %s", (source, expected) => {
    expect(shape(parse(source))).toBe(expected);
  });

  it("has no unary plus", () => {
    expect(syntaxError("+a").span).toEqual({ start: 0, end: 1 });
  });
});

describe("parseFormula: numbers", () => {
  it.each([
    ["0", 0],
    ["42", 42],
    ["0.25", 0.25],
    [".5", 0.5],
    ["1e3", 1000],
    ["2.5E-2", 0.025],
  ])("reads %s as %d", (source, value) => {
    expect(parse(source)).toMatchObject({ kind: "number", value });
  });
});

describe("parseFormula: functions", () => {
  it("accepts min and max with one or more arguments and abs with exactly one", () => {
    expect(shape(parse("min(a)"))).toBe("min(a)");
    expect(shape(parse("max(a, b + 1, -c)"))).toBe("max(a, (b + 1), (-c))");
    expect(shape(parse("abs(a - b)"))).toBe("abs((a - b))");
    expect(shape(parse("min(max(a, b), abs(c))"))).toBe("min(max(a, b), abs(c))");
  });

  it("rejects an unknown function at its name", () => {
    const source = "a + sqrt(b)";
    expect(syntaxError(source).span).toEqual({ start: 4, end: 8 });
  });

  it("rejects abs with two arguments, pointing at the whole call", () => {
    const source = "1 + abs(a, b)";
    expect(syntaxError(source).span).toEqual({ start: 4, end: source.length });
  });

  it("rejects a call without arguments at the closing parenthesis", () => {
    expect(syntaxError("min()").span).toEqual({ start: 4, end: 5 });
  });

  it("treats a function name without parentheses as an identifier", () => {
    expect(parse("min + 1")).toMatchObject({ kind: "binary", left: { kind: "identifier", name: "min" } });
  });
});

describe("parseFormula: syntax errors point at the offending token", () => {
  it.each([
    ["a +", { start: 3, end: 3 }],
    ["", { start: 0, end: 0 }],
    ["   ", { start: 3, end: 3 }],
    ["a b", { start: 2, end: 3 }],
    ["(a + b", { start: 6, end: 6 }],
    ["a + b)", { start: 5, end: 6 }],
    ["a ^ 2", { start: 2, end: 3 }],
    ["a * ", { start: 4, end: 4 }],
    ["max(a,, b)", { start: 6, end: 7 }],
    ["max(a b)", { start: 6, end: 7 }],
    ["count(*)", { start: 0, end: 5 }],
    ["a % b", { start: 2, end: 3 }],
    ["1.2.3", { start: 3, end: 5 }],
    ["é + 1", { start: 0, end: 1 }],
  ])("%j fails at %j", (source, span) => {
    const error = syntaxError(source);
    expect(error.span).toEqual(span);
    expect(error.span.start).toBeGreaterThanOrEqual(0);
    expect(error.span.end).toBeLessThanOrEqual(source.length);
  });
});

describe("parseFormula: nesting is bounded", () => {
  it("parses moderately deep nesting", () => {
    const depth = 50;
    const source = `${"(".repeat(depth)}a${")".repeat(depth)}`;
    expect(parse(source)).toMatchObject({ kind: "identifier", name: "a" });
    expect(parse(`${"-".repeat(depth)}a`).kind).toBe("unary");
    expect(parse(`${"abs(".repeat(depth)}a${")".repeat(depth)}`).kind).toBe("call");
  });

  it.each([
    ["parentheses", (depth: number) => `${"(".repeat(depth)}a${")".repeat(depth)}`],
    ["unary minus", (depth: number) => `${"-".repeat(depth)}a`],
    ["calls", (depth: number) => `${"abs(".repeat(depth)}a${")".repeat(depth)}`],
  ])("refuses 100,000 levels of %s with an error instead of overflowing the stack", (_name, build) => {
    const source = build(100_000);
    const error = syntaxError(source);
    expect(error.span.start).toBeGreaterThan(0);
    expect(error.span.end).toBeLessThanOrEqual(source.length);
  });

  it("parses a flat chain of 500 operands", () => {
    const source = Array.from({ length: 500 }, (_, i) => `m${i}`).join(" + ");
    expect(formulaIdentifiers(parse(source))).toHaveLength(500);
  });

  it("refuses a flat chain of 20,000 operands, whose left-deep tree no walk of the AST could follow", () => {
    const source = Array.from({ length: 20_000 }, (_, i) => `m${i}`).join(" + ");
    const error = syntaxError(source);
    expect(error.span.start).toBeGreaterThan(0);
    expect(error.span.end).toBeLessThanOrEqual(source.length);
  });
});
