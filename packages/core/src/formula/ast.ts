import type { Span } from "../parse/parsed-file.js";

/** Formula AST. Every node carries its span, offsets into the formula string. */
export type FormulaNode =
  | { kind: "number"; value: number; span: Span }
  | { kind: "identifier"; name: string; span: Span }
  | { kind: "unary"; operator: "-"; operand: FormulaNode; span: Span }
  | { kind: "binary"; operator: "+" | "-" | "*" | "/"; left: FormulaNode; right: FormulaNode; span: Span }
  | { kind: "call"; name: FormulaFunction; nameSpan: Span; args: FormulaNode[]; span: Span };

export type FormulaFunction = "min" | "max" | "abs";
export const FORMULA_FUNCTIONS: readonly FormulaFunction[] = ["min", "max", "abs"];

export type IdentifierNode = Extract<FormulaNode, { kind: "identifier" }>;

/** The identifiers of a formula, in source order. */
export function formulaIdentifiers(node: FormulaNode): IdentifierNode[] {
  switch (node.kind) {
    case "number":
      return [];
    case "identifier":
      return [node];
    case "unary":
      return formulaIdentifiers(node.operand);
    case "binary":
      return [...formulaIdentifiers(node.left), ...formulaIdentifiers(node.right)];
    case "call":
      return node.args.flatMap(formulaIdentifiers);
  }
}
