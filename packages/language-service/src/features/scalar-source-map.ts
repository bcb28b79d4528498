import type { Span } from "@kpi-as-code/core";

/**
 * A YAML scalar's string value with, for each UTF-16 unit of it, the offset in the file that spells
 * it, or -1 when the unit comes from a line fold, an escape or a block scalar's line break.
 */
export interface MappedScalar {
  value: string;
  offsets: number[];
}

/**
 * Resolves the scalar at `span` of `text` (plain, single or double quoted, literal `|` or folded `>`)
 * and keeps where each unit of its value comes from. Undefined when the value it resolves differs
 * from `expected` (the value the yaml package gave), so a case this does not know gives no map
 * rather than a wrong one. Trailing line breaks (block scalar chomping) are not compared.
 */
export function mapScalar(text: string, span: Span, expected: string): MappedScalar | undefined {
  const first = text[span.start];
  let mapped: MappedScalar | undefined;
  if (first === "|" || first === ">") mapped = blockScalar(text, span, first === ">");
  else if (first === '"' || first === "'") mapped = flowScalar(text, span.start + 1, span.end - 1, first);
  else mapped = flowScalar(text, span.start, span.end, undefined);
  if (!mapped || trimBreaks(mapped.value) !== trimBreaks(expected)) return undefined;
  return mapped;
}

/** Where `inner` (a range of the value) is spelled in the file, when it is spelled there unit by unit. */
export function sourceSpan(mapped: MappedScalar, inner: Span): Span | undefined {
  const start = mapped.offsets[inner.start];
  if (start === undefined || start < 0 || inner.end <= inner.start) return undefined;
  for (let i = inner.start + 1; i < inner.end; i++)
    if (mapped.offsets[i] !== start + (i - inner.start)) return undefined;
  return { start, end: start + (inner.end - inner.start) };
}

function trimBreaks(value: string): string {
  return value.replace(/\n+$/, "");
}

const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\x85",
  _: "\xa0",
  L: "\u2028",
  P: "\u2029",
};
const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** A plain or quoted scalar between `from` and `to`: line folding, and `''` or `\` escapes when quoted. */
function flowScalar(
  text: string,
  from: number,
  to: number,
  quote: string | undefined,
): MappedScalar | undefined {
  const value: string[] = [];
  const offsets: number[] = [];
  // Spaces and tabs wait here: a line break drops them, anything else on the line keeps them.
  let pending: number[] = [];
  const flush = () => {
    for (const at of pending) {
      value.push(text[at] as string);
      offsets.push(at);
    }
    pending = [];
  };
  const emit = (unit: string, at: number) => {
    flush();
    value.push(unit);
    offsets.push(at);
  };
  let i = from;
  while (i < to) {
    const char = text[i] as string;
    if (char === "\n" || char === "\r") {
      pending = [];
      i = fold(text, i, to, value, offsets);
    } else if (char === " " || char === "\t") {
      pending.push(i++);
    } else if (quote === "'" && char === "'") {
      if (text[i + 1] !== "'") return undefined;
      emit("'", -1);
      i += 2;
    } else if (quote === '"' && char === "\\") {
      const next = text[i + 1];
      if (next === "\n" || next === "\r") {
        flush();
        i = skipLineStart(text, i + (text.startsWith("\r\n", i + 1) ? 3 : 2), to);
        continue;
      }
      const length = next === undefined ? undefined : HEX_ESCAPE_LENGTH[next];
      if (length !== undefined) {
        const hex = text.slice(i + 2, i + 2 + length);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) return undefined;
        flush();
        for (const unit of String.fromCodePoint(Number.parseInt(hex, 16))) emit(unit, -1);
        i += 2 + length;
        continue;
      }
      const escaped = next === undefined ? undefined : ESCAPES[next];
      if (escaped === undefined) return undefined;
      emit(escaped, -1);
      i += 2;
    } else {
      emit(char, i++);
    }
  }
  if (quote) flush();
  return { value: value.join(""), offsets };
}

/** A line break in a flow scalar: one break becomes a space, each further (empty) line a `\n`. */
function fold(text: string, at: number, to: number, value: string[], offsets: number[]): number {
  let i = at;
  let breaks = 0;
  while (i < to && (text[i] === "\n" || text[i] === "\r")) {
    i += text.startsWith("\r\n", i) ? 2 : 1;
    breaks++;
    i = skipLineStart(text, i, to);
  }
  const folded = breaks === 1 ? " " : "\n".repeat(breaks - 1);
  for (const unit of folded) {
    value.push(unit);
    offsets.push(-1);
  }
  return i;
}

function skipLineStart(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && (text[i] === " " || text[i] === "\t")) i++;
  return i;
}

/** A literal (`|`) or folded (`>`) block scalar; an explicit indentation indicator is not handled. */
function blockScalar(text: string, span: Span, folded: boolean): MappedScalar | undefined {
  const headerEnd = text.indexOf("\n", span.start);
  if (headerEnd < 0 || headerEnd >= span.end) return { value: "", offsets: [] };
  if (/^[|>][+-]?\d/.test(text.slice(span.start, span.start + 3))) return undefined;
  const lines: { start: number; end: number }[] = [];
  for (let start = headerEnd + 1; start < span.end; ) {
    const lineBreak = text.indexOf("\n", start);
    const end = lineBreak < 0 || lineBreak > span.end ? span.end : lineBreak;
    lines.push({ start, end: text[end - 1] === "\r" ? end - 1 : end });
    start = end + 1;
  }
  const firstText = lines.find((line) => text.slice(line.start, line.end).trim() !== "");
  if (!firstText) return { value: "", offsets: [] };
  const indent = skipSpaces(text, firstText.start, firstText.end) - firstText.start;
  const value: string[] = [];
  const offsets: number[] = [];
  const push = (unit: string, at: number) => {
    value.push(unit);
    offsets.push(at);
  };
  let previous: "none" | "text" | "more" = "none";
  let emptyLines = 0;
  for (const line of lines) {
    const contentStart = line.start + indent;
    if (skipSpaces(text, line.start, line.end) === line.end && line.end - line.start <= indent) {
      emptyLines++;
      continue;
    }
    const kind = text[contentStart] === " " || text[contentStart] === "\t" ? "more" : "text";
    let breaks = emptyLines + (previous === "none" ? 0 : 1);
    if (folded && previous === "text" && kind === "text") {
      if (emptyLines === 0) push(" ", -1);
      breaks = emptyLines;
    }
    for (let n = 0; n < breaks; n++) push("\n", -1);
    for (let at = contentStart; at < line.end; at++) push(text[at] as string, at);
    previous = kind;
    emptyLines = 0;
  }
  return { value: value.join(""), offsets };
}

function skipSpaces(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && text[i] === " ") i++;
  return i;
}
