import { Lexer } from "yaml";

/**
 * The nesting the `yaml` package is given at most. Its composer recurses once per level and runs out
 * of stack somewhere past 700 levels; a stack overflow that lands while V8 compiles a regular
 * expression kills the process (`a: ` and 100,000 `[`, a 200 kB file, did). KPI files need about 6.
 */
export const MAX_PARSE_NESTING = 256;

/**
 * Where `text` may nest collections more than MAX_PARSE_NESTING levels deep, or undefined when it
 * cannot. Checked before the yaml package parses it. An upper bound, not a parse: a line's block
 * depth by indentation, plus the `- `, `? `, `: ` indicators that open it, plus the flow depth. The flow depth
 * is first bounded by counting every `[` and `{`; only a text with that many is lexed, so that
 * brackets in quoted scalars and comments do not count.
 */
export function excessiveNesting(text: string): number | undefined {
  const block = deepestBlockLine(text);
  let openers = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 91 /* [ */ || code === 123 /* { */) openers++;
  }
  if (block.depth + openers <= MAX_PARSE_NESTING) return undefined;
  const flow = deepestFlow(text, MAX_PARSE_NESTING - block.depth);
  if (flow !== undefined) return flow;
  return block.depth > MAX_PARSE_NESTING ? block.offset : undefined;
}

/**
 * The deepest block nesting any line may open, and that line's start: the lines above it with less
 * indentation (each may open a level), plus the `- `, `? `, `: ` indicators that open the line itself.
 * Comment lines and block scalars' lines are counted too, which only makes the bound larger.
 */
function deepestBlockLine(text: string): { depth: number; offset: number } {
  let deepest = { depth: 0, offset: 0 };
  const indents: number[] = [];
  for (let lineStart = 0; lineStart < text.length; ) {
    let i = lineStart;
    while (text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13 && i < text.length) {
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
    }
    let depth = indents.length;
    for (;;) {
      const indicator = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      if (indicator !== 45 /* - */ && indicator !== 63 /* ? */ && indicator !== 58 /* : */) break;
      if (next !== 32 && next !== 9) break;
      depth++;
      i += 2;
      while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    }
    if (depth > deepest.depth) deepest = { depth, offset: lineStart };
    const newline = text.indexOf("\n", i);
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return deepest;
}

/** The offset of the first flow opener deeper than `limit`, from the yaml package's own lexer. */
function deepestFlow(text: string, limit: number): number | undefined {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer's control tokens (document start, flow end, scalar) are not source text.
    if (token === "\x02" || token === "\x18" || token === "\x1f") continue;
    if (token === "[" || token === "{") {
      depth++;
      if (depth > limit) return offset;
    } else if ((token === "]" || token === "}") && depth > 0) depth--;
    offset += token.length;
  }
  return undefined;
}
