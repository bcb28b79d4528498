export {
  FORMULA_FUNCTIONS,
  type FormulaFunction,
  type FormulaNode,
  formulaIdentifiers,
  type IdentifierNode,
} from "./ast.js";
export { evaluateFormula, type FormulaValue } from "./evaluate-formula.js";
export {
  type FormulaParseResult,
  type FormulaSyntaxError,
  type FormulaToken,
  lexFormula,
  parseFormula,
} from "./parse-formula.js";
