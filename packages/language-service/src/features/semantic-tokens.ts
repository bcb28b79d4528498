import { type FormulaToken, lexFormula } from "@kpi-as-code/core";
import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver-types";
import { toPosition } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";
import { mapScalar, sourceSpan } from "./scalar-source-map.js";

/**
 * What a formula's tokens are, in the order of the legend the server registers: standard LSP types,
 * so every theme colours them (a measure as a variable, a KPI as a type, min/max/abs as functions).
 */
export const SEMANTIC_TOKEN_TYPES = ["variable", "type", "function", "number", "operator"] as const;
export type FormulaTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

/** The legend to register with the `semanticTokensProvider` capability (`full: true`). */
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [],
};

/** One coloured token of a file: where it is (0-based line, UTF-16 character) and its type. */
export interface FileSemanticToken {
  line: number;
  character: number;
  length: number;
  type: FormulaTokenType;
}

/** The formula's tokens in a KPI file as LSP semantic tokens (relative encoding, legend above). */
export function semanticTokens(state: WorkspaceState, file: string): SemanticTokens {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const token of formulaSemanticTokens(state, file)) {
    data.push(
      token.line - line,
      token.line === line ? token.character - character : token.character,
      token.length,
      SEMANTIC_TOKEN_TYPES.indexOf(token.type),
      0,
    );
    line = token.line;
    character = token.character;
  }
  return { data };
}

/**
 * The formula's tokens, from the formula lexer of core, placed in the file through the scalar's
 * source (quotes, escapes, folded lines and block scalars); a token not spelled verbatim in the file
 * (an escape in it) is left uncoloured. Identifiers: this KPI's measures, else KPIs of the workspace;
 * an unknown name stays uncoloured (its diagnostic says why).
 */
export function formulaSemanticTokens(state: WorkspaceState, file: string): FileSemanticToken[] {
  const entry = state.entry(file);
  if (!entry || !("formula" in entry)) return [];
  const formula = entry.data.formula;
  const parsed = entry.parsed;
  if (typeof formula !== "string") return [];
  const mapped = mapScalar(parsed.text, parsed.locate(["formula"], "value"), formula);
  if (!mapped) return [];
  const measures = entry.data.measures;
  const isMeasure = (name: string) =>
    typeof measures === "object" && measures !== null && Object.hasOwn(measures, name);
  const { tokens } = lexFormula(formula);
  const result: FileSemanticToken[] = [];
  tokens.forEach((token, index) => {
    const type = tokenType(
      token,
      tokens[index + 1],
      isMeasure,
      (id) => state.workspace.kpi(id) !== undefined,
    );
    const span = type && sourceSpan(mapped, token.span);
    if (!type || !span) return;
    const start = toPosition(parsed, span.start);
    result.push({ line: start.line, character: start.character, length: span.end - span.start, type });
  });
  return result;
}

function tokenType(
  token: FormulaToken,
  next: FormulaToken | undefined,
  isMeasure: (name: string) => boolean,
  isKpi: (id: string) => boolean,
): FormulaTokenType | undefined {
  switch (token.kind) {
    case "number":
      return "number";
    case "operator":
      return "operator";
    case "identifier":
      // A name before "(" is a call, as the parser reads it (an unknown function is its own error).
      if (next?.kind === "(") return "function";
      if (isMeasure(token.text)) return "variable";
      return isKpi(token.text) ? "type" : undefined;
    default:
      return undefined;
  }
}
