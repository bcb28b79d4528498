import type { FormulaNode } from "./ast.js";

/** A formula's value, or why there is none (a null operand, a division by zero). */
export type FormulaValue = { value: number } | { value: null; reason: string };

/**
 * Gives an identifier's value; null means no data. `shift` is how many periods back it is read
 * (0 outside `previous`, the sum of the enclosing `previous` counts inside).
 */
export type FormulaLookup = (name: string, shift: number) => number | null;

/**
 * Evaluates a formula. `lookup` gives each identifier's value for the period `shift` periods back.
 * Never yields Infinity or NaN: those become no value with a reason.
 */
export function evaluateFormula(node: FormulaNode, lookup: FormulaLookup, shift = 0): FormulaValue {
  switch (node.kind) {
    case "number":
      return { value: node.value };
    case "identifier": {
      const value = lookup(node.name, shift);
      if (value !== null && Number.isFinite(value)) return { value };
      const when = shift === 0 ? "" : ` ${shift} period${shift === 1 ? "" : "s"} back`;
      return { value: null, reason: `${node.name} has no value${when}` };
    }
    case "unary": {
      const operand = evaluateFormula(node.operand, lookup, shift);
      return operand.value === null ? operand : { value: -operand.value };
    }
    case "binary": {
      const left = evaluateFormula(node.left, lookup, shift);
      if (left.value === null) return left;
      const right = evaluateFormula(node.right, lookup, shift);
      if (right.value === null) return right;
      if (node.operator === "/" && right.value === 0) return { value: null, reason: "division by zero" };
      return finite(apply(node.operator, left.value, right.value));
    }
    case "call": {
      const values: number[] = [];
      for (const arg of node.args) {
        const result = evaluateFormula(arg, lookup, shift);
        if (result.value === null) return result;
        values.push(result.value);
      }
      if (node.name === "abs") return { value: Math.abs(values[0] ?? 0) };
      return { value: node.name === "min" ? Math.min(...values) : Math.max(...values) };
    }
    case "previous":
      return evaluateFormula(node.operand, lookup, shift + node.periods);
  }
}

function apply(operator: "+" | "-" | "*" | "/", a: number, b: number): number {
  switch (operator) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
  }
}

function finite(value: number): FormulaValue {
  return Number.isFinite(value) ? { value } : { value: null, reason: "the result is not a finite number" };
}
