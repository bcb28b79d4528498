export {
  FORMULA_FUNCTION_DOCS,
  FORMULA_FUNCTIONS,
  type FormulaFunction,
  type FormulaNode,
  formulaCalls,
  formulaIdentifiers,
  type IdentifierNode,
  PREVIOUS_FUNCTION,
  PREVIOUS_MAX_PERIODS,
  readsEarlierPeriods,
  shiftedIdentifiers,
} from "./ast.js";
export { evaluateFormula, type FormulaLookup, type FormulaValue } from "./evaluate-formula.js";
export {
  type FormulaParseResult,
  type FormulaSyntaxError,
  type FormulaToken,
  lexFormula,
  parseFormula,
} from "./parse-formula.js";
