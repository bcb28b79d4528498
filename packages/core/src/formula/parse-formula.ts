import type { Span } from "../parse/parsed-file.js";
import { FORMULA_FUNCTIONS, type FormulaFunction, type FormulaNode } from "./ast.js";

export interface FormulaSyntaxError {
  message: string;
  span: Span;
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
  ) {
    super(message);
  }
}

/** Parses a formula (numbers, identifiers, + - * /, unary minus, parentheses, min/max/abs) into an AST. */
export function parseFormula(source: string): FormulaParseResult {
  try {
    const parser = new FormulaParser(tokenize(source));
    const ast = parser.expression(0);
    parser.expectEnd();
    return { ok: true, ast };
  } catch (error) {
    if (error instanceof FormulaSyntax)
      return { ok: false, error: { message: error.message, span: error.span } };
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
    if (!FORMULA_FUNCTIONS.includes(name.text as FormulaFunction)) {
      throw new FormulaSyntax(`unknown function "${name.text}" (use min, max or abs)`, name.span);
    }
    this.next(); // (
    const args: FormulaNode[] = [this.expression(depth + 1)];
    while (this.peek().kind === ",") {
      this.next();
      args.push(this.expression(depth + 1));
    }
    const close = this.expect(")", 'expected ")" or ","');
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

function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
