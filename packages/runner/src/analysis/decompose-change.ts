import {
  evaluateFormula,
  type FormulaNode,
  formulaIdentifiers,
  readsEarlierPeriods,
} from "@kpi-as-code/core";

/**
 * How a change was split among a formula's inputs:
 * - `log-ratio`: the formula is a product or quotient of its inputs (activated / signups), all
 *   positive: each input's part is L(after, before) x its exponent x ln(input after / before), with
 *   L the logarithmic mean; the parts add up to the change exactly, and no order is favoured;
 * - `sequential-substitution`: any other formula: the inputs are switched from before to after one at
 *   a time in formula order, each part being the change that switch made; the parts telescope to the
 *   change exactly, but a different order would give different parts.
 */
export type DecompositionMethod = "log-ratio" | "sequential-substitution";

export interface InputContribution {
  name: string;
  before: number;
  after: number;
  contribution: number;
}

export interface ChangeDecomposition {
  method: DecompositionMethod;
  before: number;
  after: number;
  change: number;
  parts: InputContribution[];
}

/**
 * Splits `f(after) - f(before)` into one part per formula input. Undefined when the formula has no
 * value in either period or an input is missing, or a substitution step has none (a division by 0).
 */
export function decomposeChange(
  formula: FormulaNode,
  before: Readonly<Record<string, number | null>>,
  after: Readonly<Record<string, number | null>>,
): ChangeDecomposition | undefined {
  // An input read in an earlier period (`previous`) is not the period's input: no split is honest.
  if (readsEarlierPeriods(formula)) return undefined;
  const names = [...new Set(formulaIdentifiers(formula).map((identifier) => identifier.name))];
  if (names.some((name) => !isNumber(before[name]) || !isNumber(after[name]))) return undefined;
  const valueWith = (values: Readonly<Record<string, number | null>>) =>
    evaluateFormula(formula, (name) => values[name] ?? null).value;
  const from = valueWith(before);
  const to = valueWith(after);
  if (from === null || to === null) return undefined;
  const exponents = multiplicativeExponents(formula);
  if (
    exponents &&
    from > 0 &&
    to > 0 &&
    names.every((name) => (before[name] as number) > 0 && (after[name] as number) > 0)
  ) {
    return logRatio(names, exponents, before, after, from, to);
  }
  return sequentialSubstitution(names, before, after, valueWith, from, to);
}

function logRatio(
  names: string[],
  exponents: Map<string, number>,
  before: Readonly<Record<string, number | null>>,
  after: Readonly<Record<string, number | null>>,
  from: number,
  to: number,
): ChangeDecomposition {
  const mean = logarithmicMean(to, from);
  const parts = names.map((name) => {
    const b = before[name] as number;
    const a = after[name] as number;
    return { name, before: b, after: a, contribution: mean * (exponents.get(name) ?? 0) * Math.log(a / b) };
  });
  return { method: "log-ratio", before: from, after: to, change: to - from, parts };
}

function sequentialSubstitution(
  names: string[],
  before: Readonly<Record<string, number | null>>,
  after: Readonly<Record<string, number | null>>,
  valueWith: (values: Readonly<Record<string, number | null>>) => number | null,
  from: number,
  to: number,
): ChangeDecomposition | undefined {
  const current: Record<string, number | null> = { ...before };
  let previous = from;
  const parts: InputContribution[] = [];
  for (const name of names) {
    current[name] = after[name] ?? null;
    const next = valueWith(current);
    if (next === null) return undefined;
    parts.push({
      name,
      before: before[name] as number,
      after: after[name] as number,
      contribution: next - previous,
    });
    previous = next;
  }
  return { method: "sequential-substitution", before: from, after: to, change: to - from, parts };
}

/** (a - b) / (ln a - ln b), and a itself when a = b: the weight that makes log parts add up. */
export function logarithmicMean(a: number, b: number): number {
  return a === b ? a : (a - b) / (Math.log(a) - Math.log(b));
}

/**
 * The exponent of each identifier when the formula is a constant times a product of powers of its
 * identifiers (only `*`, `/`, numbers and identifiers); undefined for any other formula.
 */
export function multiplicativeExponents(node: FormulaNode): Map<string, number> | undefined {
  const exponents = new Map<string, number>();
  const walk = (current: FormulaNode, sign: number): boolean => {
    switch (current.kind) {
      case "number":
        return current.value > 0;
      case "identifier":
        exponents.set(current.name, (exponents.get(current.name) ?? 0) + sign);
        return true;
      case "binary":
        if (current.operator === "*") return walk(current.left, sign) && walk(current.right, sign);
        if (current.operator === "/") return walk(current.left, sign) && walk(current.right, -sign);
        return false;
      default:
        return false;
    }
  };
  return walk(node, 1) ? exponents : undefined;
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
