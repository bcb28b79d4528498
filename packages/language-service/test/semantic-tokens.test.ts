import { lexFormula } from "@kpi-as-code/core";
import {
  type FileSemanticToken,
  formulaSemanticTokens,
  SEMANTIC_TOKEN_TYPES,
  SEMANTIC_TOKENS_LEGEND,
  semanticTokens,
  WorkspaceState,
} from "@kpi-as-code/language-service";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTIVATION, ACTIVATION_FILE, CHURN_FILE, FILES, TODAY } from "./support/fixture.js";

const FILE = "metrics/blended.kpi.yaml";
const MEASURES = `measures:
  m_a: { source: app, from: users, aggregate: count }
  m_b: { source: app, from: users, aggregate: count }
`;

function stateOf(extra: Record<string, string>): WorkspaceState {
  const state = new WorkspaceState("/nonexistent/workspace", { today: TODAY });
  for (const [name, text] of Object.entries({ ...FILES, ...extra })) state.setFile(name, text);
  return state;
}

/** A KPI file whose formula is written as `formula` (the YAML after `formula:`, any style). */
function kpiWith(formula: string, head = ""): string {
  return `${head}kpi: blended\nversion: 1\nname: Blended\nformula: ${formula}\n${MEASURES}`;
}

/** Each token as `type:text`, the text read from the file at the token's line and UTF-16 character. */
function spelled(text: string, tokens: readonly FileSemanticToken[]): string[] {
  const lines = text.split("\n");
  return tokens.map((t) => `${t.type}:${lines[t.line]?.slice(t.character, t.character + t.length)}`);
}

describe("semantic tokens of a formula", () => {
  it("colour measures, KPIs, functions, numbers and operators at their place in the file", () => {
    const text = kpiWith("max(m_a, churn_rate) * 100 - previous(m_b, 12) / unknown_name");
    const state = stateOf({ [FILE]: text });
    const tokens = formulaSemanticTokens(state, FILE);
    expect(spelled(text, tokens)).toEqual([
      "function:max",
      "variable:m_a",
      "type:churn_rate",
      "operator:*",
      "number:100",
      "operator:-",
      "function:previous",
      "variable:m_b",
      "number:12",
      "operator:/",
      // unknown_name: no colour (measurability/unknown-reference says why)
    ]);
    expect(tokens[0]).toEqual({ line: 3, character: 9, length: 3, type: "function" });
  });

  it("encode the tokens relative to each other, with the legend's type indexes", () => {
    const state = stateOf({});
    // formula: activated / signups (line 11)
    expect(semanticTokens(state, ACTIVATION_FILE).data).toEqual(
      [
        [11, 9, 9, SEMANTIC_TOKEN_TYPES.indexOf("variable"), 0],
        [0, 10, 1, SEMANTIC_TOKEN_TYPES.indexOf("operator"), 0],
        [0, 2, 7, SEMANTIC_TOKEN_TYPES.indexOf("variable"), 0],
      ].flat(),
    );
    expect(SEMANTIC_TOKENS_LEGEND.tokenTypes).toEqual([...SEMANTIC_TOKEN_TYPES]);
    expect(semanticTokens(state, "kpi.yaml").data).toEqual([]);
  });

  it.each([
    ["double quoted", '"m_a +\n  m_b"', ["variable:m_a", "operator:+", "variable:m_b"]],
    ["single quoted", "'m_a  *  m_b'", ["variable:m_a", "operator:*", "variable:m_b"]],
    ["literal block", "|\n  m_a\n  / 2\n", ["variable:m_a", "operator:/", "number:2"]],
    ["folded block", ">-\n  m_a\n\n  - churn_rate\n", ["variable:m_a", "operator:-", "type:churn_rate"]],
    ["plain over lines", "m_a\n  + m_b  # sum", ["variable:m_a", "operator:+", "variable:m_b"]],
    ["escape inside a token", '"m_\\x61 + m_b"', ["operator:+", "variable:m_b"]],
  ])("find the tokens of a %s formula in the file", (_style, formula, expected) => {
    const text = kpiWith(formula);
    expect(spelled(text, formulaSemanticTokens(stateOf({ [FILE]: text }), FILE))).toEqual(expected);
  });

  it("find the tokens of a formula over CRLF lines", () => {
    const text = kpiWith('"m_a\r\n  / m_b"\r\n').replaceAll("\n", "\r\n").replaceAll("\r\r", "\r");
    const tokens = formulaSemanticTokens(stateOf({ [FILE]: text }), FILE);
    expect(spelled(text.replaceAll("\r", ""), tokens)).toEqual([
      "variable:m_a",
      "operator:/",
      "variable:m_b",
    ]);
    expect(tokens.map((token) => token.line)).toEqual([3, 4, 4]);
  });

  it("colour a formula being typed up to the first character that is no token", () => {
    const text = kpiWith("m_a + m_b ? 3");
    expect(spelled(text, formulaSemanticTokens(stateOf({ [FILE]: text }), FILE))).toEqual([
      "variable:m_a",
      "operator:+",
      "variable:m_b",
    ]);
  });

  it("place every token at its UTF-16 position after any Unicode on the same line", () => {
    const pieces = [
      "m_a",
      "m_b",
      "churn_rate",
      "max(",
      "min(",
      "abs(",
      "previous(",
      ")",
      ",",
      "+",
      "-",
      "*",
      "/",
      "7",
      "0.25",
      "1e3",
    ];
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 12 }),
        fc.array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(" ", "", "  ")), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.constantFrom<"double" | "single">("double", "single"),
        (prefix, parts, style) => {
          const formula = parts.map(([piece, space]) => piece + space).join("");
          const quoted = style === "double" ? JSON.stringify(formula) : `'${formula}'`;
          // One flow mapping on one line: the Unicode name comes before the formula.
          const text = `{ kpi: blended, name: ${JSON.stringify(prefix)}, formula: ${quoted}, measures: { m_a: { source: app }, m_b: { source: app } } }\n`;
          const state = stateOf({ [FILE]: text });
          fc.pre((state.entry(FILE)?.data as { name?: unknown } | undefined)?.name === prefix);
          expect(spelled(text, formulaSemanticTokens(state, FILE))).toEqual(expectedTokens(formula));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("find every token of plain, literal and folded formulas over lines, however indented", () => {
    const pieces = [
      "m_a",
      "m_b",
      "churn_rate",
      "max(",
      "previous(",
      ")",
      ",",
      "+",
      "-",
      "*",
      "/",
      "7",
      "0.25",
    ];
    const breaks = [" ", "  ", "\n", "\n\n", "\n "];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...breaks)), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.constantFrom("plain", "|", ">", "|-", ">-", "|+", ">+"),
        fc.integer({ min: 1, max: 4 }),
        (parts, style, indent) => {
          const pad = " ".repeat(indent);
          const body = `m_a ${parts.map(([piece, gap]) => piece + gap).join("")}`
            .trimEnd()
            .replaceAll("\n", `\n${pad}`);
          const text = kpiWith(style === "plain" ? body : `${style}\n${pad}${body}\n`);
          const state = stateOf({ [FILE]: text });
          const formula = (state.entry(FILE)?.data as { formula?: unknown } | undefined)?.formula;
          fc.pre(typeof formula === "string");
          expect(spelled(text, formulaSemanticTokens(state, FILE))).toEqual(
            expectedTokens(formula as string),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("leave files without a formula, or with a formula that is not a string, uncoloured", () => {
    const text = kpiWith("[m_a, m_b]");
    expect(formulaSemanticTokens(stateOf({ [FILE]: text }), FILE)).toEqual([]);
    expect(formulaSemanticTokens(stateOf({}), "kpi.yaml")).toEqual([]);
    expect(formulaSemanticTokens(stateOf({}), CHURN_FILE).length).toBe(3);
    expect(ACTIVATION).toContain("formula: activated / signups");
  });
});

/** The oracle: the lexer's tokens, each with the type the legend gives it in this fixture. */
function expectedTokens(formula: string): string[] {
  const { tokens } = lexFormula(formula);
  return tokens.flatMap((token, index) => {
    if (token.kind === "number" || token.kind === "operator") return [`${token.kind}:${token.text}`];
    if (token.kind !== "identifier") return [];
    if (tokens[index + 1]?.kind === "(") return [`function:${token.text}`];
    if (token.text === "churn_rate") return [`type:${token.text}`];
    return token.text === "m_a" || token.text === "m_b" ? [`variable:${token.text}`] : [];
  });
}
