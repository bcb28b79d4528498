import type { Span } from "../parse/parsed-file.js";

/** Formula AST. Every node carries its span, offsets into the formula string. */
export type FormulaNode =
  | { kind: "number"; value: number; span: Span }
  | { kind: "identifier"; name: string; span: Span }
  | { kind: "unary"; operator: "-"; operand: FormulaNode; span: Span }
  | { kind: "binary"; operator: "+" | "-" | "*" | "/"; left: FormulaNode; right: FormulaNode; span: Span }
  | { kind: "call"; name: FormulaFunction; nameSpan: Span; args: FormulaNode[]; span: Span }
  /** `previous(x, n)`: `x` for the period shifted back `periods` times (spec 4.6); `previous(x)` is n = 1. */
  | { kind: "previous"; operand: FormulaNode; periods: number; nameSpan: Span; span: Span };

export type FormulaFunction = "min" | "max" | "abs";
export const FORMULA_FUNCTIONS: readonly FormulaFunction[] = ["min", "max", "abs"];

/** The function that reads earlier periods, and the bounds of its `n` (an integer literal). */
export const PREVIOUS_FUNCTION = "previous" as const;
export const PREVIOUS_MAX_PERIODS = 366;

/** What each formula function does, for hovers and completions (the one description of them). */
export const FORMULA_FUNCTION_DOCS: Readonly<Record<FormulaFunction | typeof PREVIOUS_FUNCTION, string>> = {
  min: "`min(a, b, ...)`: the smallest of its arguments.",
  max: "`max(a, b, ...)`: the largest of its arguments.",
  abs: "`abs(x)`: the absolute value of x.",
  previous:
    "`previous(x)` / `previous(x, n)`: x for the period shifted back n times (n an integer 1..366, default 1). " +
    "A period whose bounds are both the first day of a month shifts by its number of months (2026-03 gives 2026-02, " +
    "a quarter the quarter before, fiscal ones included); any other by its length in days (a week the week before). " +
    "In a series each bucket reads its own earlier bucket; in a breakdown, the same segment value. " +
    "Nested calls add up. No value there gives no value. E.g. `revenue / previous(revenue) - 1`, `previous(revenue, 12)`.",
};

export type IdentifierNode = Extract<FormulaNode, { kind: "identifier" }>;

/** Each function call of a formula with the span of its name, in source order. */
export function formulaCalls(
  node: FormulaNode,
): { name: FormulaFunction | typeof PREVIOUS_FUNCTION; nameSpan: Span }[] {
  switch (node.kind) {
    case "number":
    case "identifier":
      return [];
    case "unary":
      return formulaCalls(node.operand);
    case "binary":
      return [...formulaCalls(node.left), ...formulaCalls(node.right)];
    case "call":
      return [{ name: node.name, nameSpan: node.nameSpan }, ...node.args.flatMap(formulaCalls)];
    case "previous":
      return [{ name: PREVIOUS_FUNCTION, nameSpan: node.nameSpan }, ...formulaCalls(node.operand)];
  }
}

/** The identifiers of a formula, in source order (those inside `previous(...)` too). */
export function formulaIdentifiers(node: FormulaNode): IdentifierNode[] {
  return shiftedIdentifiers(node).map((entry) => entry.identifier);
}

/**
 * Each identifier of a formula with how many periods back it is read: 0 outside `previous`, the sum
 * of the enclosing `previous` counts inside (`previous(previous(x), 2)` reads x 3 periods back).
 */
export function shiftedIdentifiers(
  node: FormulaNode,
  shift = 0,
): { identifier: IdentifierNode; shift: number }[] {
  switch (node.kind) {
    case "number":
      return [];
    case "identifier":
      return [{ identifier: node, shift }];
    case "unary":
      return shiftedIdentifiers(node.operand, shift);
    case "binary":
      return [...shiftedIdentifiers(node.left, shift), ...shiftedIdentifiers(node.right, shift)];
    case "call":
      return node.args.flatMap((arg) => shiftedIdentifiers(arg, shift));
    case "previous":
      return shiftedIdentifiers(node.operand, shift + node.periods);
  }
}

/** Whether the formula reads an earlier period anywhere. */
export function readsEarlierPeriods(node: FormulaNode): boolean {
  return shiftedIdentifiers(node).some((entry) => entry.shift > 0);
}
