import type { Span } from "../parse/parsed-file.js";
import {
  FORMULA_FUNCTIONS,
  type FormulaFunction,
  type FormulaNode,
  PREVIOUS_FUNCTION,
  PREVIOUS_MAX_PERIODS,
  shiftedIdentifiers,
} from "./ast.js";

export interface FormulaSyntaxError {
  message: string;
  span: Span;
  /**
   * The rule that reports it when it is not `measurability/formula-syntax`: a `previous` call with
   * the wrong arguments parses as a call but cannot be computed.
   */
  rule?: "measurability/previous-arity";
}

export type FormulaParseResult = { ok: true; ast: FormulaNode } | { ok: false; error: FormulaSyntaxError };

type TokenKind = "number" | "identifier" | "operator" | "(" | ")" | "," | "end";
interface Token {
  kind: TokenKind;
  text: string;
  span: Span;
}

const MAX_DEPTH = 100;
/**
 * A long flat chain (`a + a + ... + a`) is parsed by a loop but becomes a left-deep tree, which every
 * recursive walk of the AST (identifiers, evaluation, SQL compilation) would follow into a stack overflow.
 * Bounding the tokens bounds the tree's depth; no real formula comes near it.
 */
const MAX_TOKENS = 1000;

class FormulaSyntax extends Error {
  constructor(
    message: string,
    readonly span: Span,
    readonly rule?: FormulaSyntaxError["rule"],
  ) {
    super(message);
  }
}

/**
 * Parses a formula (numbers, identifiers, + - * /, unary minus, parentheses, min/max/abs and
 * previous(x[, n])) into an AST.
 */
export function parseFormula(source: string): FormulaParseResult {
  try {
    const parser = new FormulaParser(tokenize(source));
    const ast = parser.expression(0);
    parser.expectEnd();
    return { ok: true, ast };
  } catch (error) {
    if (error instanceof FormulaSyntax) {
      const { message, span, rule } = error;
      return { ok: false, error: rule ? { message, span, rule } : { message, span } };
    }
    throw error;
  }
}

/** A formula's token with its span (offsets into the formula string). */
export interface FormulaToken {
  kind: Exclude<TokenKind, "end">;
  text: string;
  span: Span;
}

/**
 * The tokens of a formula, up to the first character no token starts with (then `error`). The parser
 * reads these same tokens; editors colour them, so a formula being typed keeps its colours up to a typo.
 */
export function lexFormula(source: string): { tokens: FormulaToken[]; error?: FormulaSyntaxError } {
  const tokens: FormulaToken[] = [];
  const pattern =
    /\s+|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/])|([(),])/y;
  let offset = 0;
  while (offset < source.length) {
    pattern.lastIndex = offset;
    const match = pattern.exec(source);
    if (!match) {
      const error = {
        message: `unexpected character "${source[offset]}"`,
        span: { start: offset, end: offset + 1 },
      };
      return { tokens, error };
    }
    const span = { start: offset, end: offset + match[0].length };
    if (match[1] !== undefined) tokens.push({ kind: "number", text: match[1], span });
    else if (match[2] !== undefined) tokens.push({ kind: "identifier", text: match[2], span });
    else if (match[3] !== undefined) tokens.push({ kind: "operator", text: match[3], span });
    else if (match[4] !== undefined) tokens.push({ kind: match[4] as "(" | ")" | ",", text: match[4], span });
    offset = pattern.lastIndex;
  }
  return { tokens };
}

function tokenize(source: string): Token[] {
  const { tokens, error } = lexFormula(source);
  const overLimit = tokens[MAX_TOKENS];
  if (overLimit) throw new FormulaSyntax(`formula is too long (over ${MAX_TOKENS} tokens)`, overLimit.span);
  if (error) throw new FormulaSyntax(error.message, error.span);
  return [...tokens, { kind: "end", text: "", span: { start: source.length, end: source.length } }];
}

class FormulaParser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  /** expression := term (('+' | '-') term)* ; term := unary (('*' | '/') unary)* */
  expression(depth: number): FormulaNode {
    let left = this.term(depth);
    while (this.peek().kind === "operator" && (this.peek().text === "+" || this.peek().text === "-")) {
      const operator = this.next().text as "+" | "-";
      const right = this.term(depth);
      left = { kind: "binary", operator, left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== "end") throw new FormulaSyntax(`unexpected "${token.text}"`, token.span);
  }

  private term(depth: number): FormulaNode {
    let left = this.unary(depth);
    while (this.peek().kind === "operator" && (this.peek().text === "*" || this.peek().text === "/")) {
      const operator = this.next().text as "*" | "/";
      const right = this.unary(depth);
      left = { kind: "binary", operator, left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private unary(depth: number): FormulaNode {
    if (depth > MAX_DEPTH) throw new FormulaSyntax("formula is nested too deeply", this.peek().span);
    const token = this.peek();
    if (token.kind === "operator" && token.text === "-") {
      this.next();
      const operand = this.unary(depth + 1);
      return { kind: "unary", operator: "-", operand, span: join(token.span, operand.span) };
    }
    return this.primary(depth);
  }

  private primary(depth: number): FormulaNode {
    const token = this.next();
    switch (token.kind) {
      case "number":
        return { kind: "number", value: Number(token.text), span: token.span };
      case "identifier":
        if (this.peek().kind === "(") return this.call(token, depth);
        return { kind: "identifier", name: token.text, span: token.span };
      case "(": {
        const inner = this.expression(depth + 1);
        const close = this.expect(")", 'expected ")"');
        return { ...inner, span: join(token.span, close.span) };
      }
      case "end":
        throw new FormulaSyntax("unexpected end of formula", token.span);
      default:
        throw new FormulaSyntax(`unexpected "${token.text}"`, token.span);
    }
  }

  private call(name: Token, depth: number): FormulaNode {
    const previous = name.text === PREVIOUS_FUNCTION;
    if (!previous && !FORMULA_FUNCTIONS.includes(name.text as FormulaFunction)) {
      throw new FormulaSyntax(`unknown function "${name.text}" (use min, max, abs or previous)`, name.span);
    }
    this.next(); // (
    if (previous && this.peek().kind === ")") {
      throw new FormulaSyntax(
        "previous takes the expression and optionally how many periods back: previous(x) or previous(x, n)",
        join(name.span, this.next().span),
        "measurability/previous-arity",
      );
    }
    const args: FormulaNode[] = [this.expression(depth + 1)];
    while (this.peek().kind === ",") {
      this.next();
      args.push(this.expression(depth + 1));
    }
    const close = this.expect(")", 'expected ")" or ","');
    if (previous) return checkNestedShift(previousCall(name, args, join(name.span, close.span)));
    if (name.text === "abs" && args.length !== 1) {
      throw new FormulaSyntax("abs takes exactly one argument", join(name.span, close.span));
    }
    return {
      kind: "call",
      name: name.text as FormulaFunction,
      nameSpan: name.span,
      args,
      span: join(name.span, close.span),
    };
  }

  private expect(kind: TokenKind, message: string): Token {
    const token = this.peek();
    if (token.kind !== kind) throw new FormulaSyntax(message, token.span);
    return this.next();
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index++;
    return token;
  }
}

/** `previous(x)` or `previous(x, n)` with n an integer literal 1..366; anything else is a previous-arity error at the argument. */
function previousCall(name: Token, args: FormulaNode[], span: Span): FormulaNode {
  const [operand, count, extra] = args as [FormulaNode, FormulaNode | undefined, FormulaNode | undefined];
  if (extra) {
    throw new FormulaSyntax(
      "previous takes at most two arguments: previous(x, n)",
      join(extra.span, (args.at(-1) as FormulaNode).span),
      "measurability/previous-arity",
    );
  }
  if (!count) return { kind: "previous", operand, periods: 1, nameSpan: name.span, span };
  if (
    count.kind !== "number" ||
    !Number.isInteger(count.value) ||
    count.value < 1 ||
    count.value > PREVIOUS_MAX_PERIODS
  ) {
    throw new FormulaSyntax(
      `previous's second argument is how many periods back: an integer from 1 to ${PREVIOUS_MAX_PERIODS}`,
      count.span,
      "measurability/previous-arity",
    );
  }
  return { kind: "previous", operand, periods: count.value, nameSpan: name.span, span };
}

/** Nested calls add up (`previous(previous(x), 2)` is 3 back); the sum has the same bound as one n. */
function checkNestedShift(node: FormulaNode): FormulaNode {
  const deepest = Math.max(0, ...shiftedIdentifiers(node).map((entry) => entry.shift));
  if (deepest > PREVIOUS_MAX_PERIODS) {
    throw new FormulaSyntax(
      `nested previous calls go back ${deepest} periods; at most ${PREVIOUS_MAX_PERIODS} in all`,
      node.span,
      "measurability/previous-arity",
    );
  }
  return node;
}

function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
