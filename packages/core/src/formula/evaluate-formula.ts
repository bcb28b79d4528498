import type { FormulaNode } from "./ast.js";

/** A formula's value, or why there is none (a null operand, a division by zero). */
export type FormulaValue = { value: number } | { value: null; reason: string };

/**
 * Evaluates a formula. `lookup` gives each identifier's value; null means no data.
 * Never yields Infinity or NaN: those become no value with a reason.
 */
export function evaluateFormula(node: FormulaNode, lookup: (name: string) => number | null): FormulaValue {
  switch (node.kind) {
    case "number":
      return { value: node.value };
    case "identifier": {
      const value = lookup(node.name);
      return value === null || !Number.isFinite(value)
        ? { value: null, reason: `${node.name} has no value` }
        : { value };
    }
    case "unary": {
      const operand = evaluateFormula(node.operand, lookup);
      return operand.value === null ? operand : { value: -operand.value };
    }
    case "binary": {
      const left = evaluateFormula(node.left, lookup);
      if (left.value === null) return left;
      const right = evaluateFormula(node.right, lookup);
      if (right.value === null) return right;
      if (node.operator === "/" && right.value === 0) return { value: null, reason: "division by zero" };
      return finite(apply(node.operator, left.value, right.value));
    }
    case "call": {
      const values: number[] = [];
      for (const arg of node.args) {
        const result = evaluateFormula(arg, lookup);
        if (result.value === null) return result;
        values.push(result.value);
      }
      if (node.name === "abs") return { value: Math.abs(values[0] ?? 0) };
      return { value: node.name === "min" ? Math.min(...values) : Math.max(...values) };
    }
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
