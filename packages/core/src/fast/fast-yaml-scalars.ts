/** One line of the source: its leading spaces counted, the rest kept. */
export interface Line {
  indent: number;
  content: string;
}

/** Thrown (and caught at the top) when the text leaves the subset the fast parser handles. */
export const BAIL = Symbol("outside the fast YAML subset");

export function Bail(): never {
  throw BAIL;
}

export function isBlankOrComment(text: string): boolean {
  let i = 0;
  while (text.charCodeAt(i) === 32) i++;
  return i === text.length || text.charCodeAt(i) === 35; /* # */
}

/** Keys the subset accepts unquoted: they resolve to the same string in every YAML schema. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,199}$/;
const RESERVED_WORDS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/** A mapping key that the subset accepts, or a bail for any other key. */
export function checkedKey(key: string): string {
  if (key === "__proto__" || key.length > 200) return Bail();
  return key;
}

export function checkedPlainKey(key: string): string {
  if (!PLAIN_KEY.test(key) || RESERVED_WORDS.test(key)) return Bail();
  return checkedKey(key);
}

/**
 * Splits `key: rest` (or `key:` at the end of the line). Undefined when the content is not a
 * mapping entry; a bail when it is one whose key the subset does not handle.
 */
export function splitKey(content: string): { key: string; rest: string } | undefined {
  const first = content.charCodeAt(0);
  let key: string;
  let colon: number;
  if (first === 34 /* " */ || first === 39 /* ' */) {
    const { value, end } = quotedScalar(content, 0);
    if (content.charCodeAt(end) !== 58 /* : */) {
      if (content.slice(end).trimStart().startsWith(":")) return Bail();
      return undefined;
    }
    if (end + 1 < content.length && content.charCodeAt(end + 1) !== 32) return Bail();
    key = checkedKey(value);
    colon = end;
  } else {
    if (first === 91 /* [ */ || first === 123 /* { */) return undefined;
    colon = findMappingColon(content);
    if (colon < 0) return undefined;
    key = checkedPlainKey(content.slice(0, colon));
  }
  let restStart = colon + 1;
  while (content.charCodeAt(restStart) === 32) restStart++;
  return { key, rest: content.slice(restStart) };
}

/** The first `:` followed by a space or the line's end, before any comment; -1 if none. */
function findMappingColon(content: string): number {
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code === 35 /* # */ && i > 0 && content.charCodeAt(i - 1) === 32) return -1;
    if (code === 58 /* : */ && (i + 1 === content.length || content.charCodeAt(i + 1) === 32)) return i;
  }
  return -1;
}

/** A plain scalar written after `key: ` or `- ` in block context, up to a comment. */
export function plainValue(text: string): unknown {
  const first = text[0] as string;
  if (",]}&*!%@`?:".includes(first)) return Bail();
  if (first === "-" && (text.length === 1 || text.charCodeAt(1) === 32)) return Bail();
  const comment = text.indexOf(" #");
  const value = (comment >= 0 ? text.slice(0, comment) : text).trimEnd();
  if (value.includes(": ") || value.endsWith(":")) return Bail();
  return resolvePlainScalar(value);
}

/** The YAML 1.2 core schema's resolution of a plain scalar, in the `yaml` package's order. */
export function resolvePlainScalar(text: string): unknown {
  const first = text.charCodeAt(0);
  // Fast path: most plain scalars are words, which no core-schema tag but null/bool can match.
  const mayBeSpecial =
    text.length === 0 ||
    (first >= 48 && first <= 57) ||
    first === 43 ||
    first === 45 ||
    first === 46 ||
    first === 126 ||
    "nNtTfF".includes(text[0] as string);
  if (!mayBeSpecial) return text;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return first === 116 || first === 84;
  if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return Number.parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) {
    if (text.slice(-3).toLowerCase() === "nan") return Number.NaN;
    return text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return Number.parseFloat(text);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return Number.parseFloat(text);
  return text;
}

const ESCAPES: Record<string, string> = {
  "\\": "\\",
  '"': '"',
  "/": "/",
  n: "\n",
  t: "\t",
  r: "\r",
  "0": "\0",
};

/** A single- or double-quoted scalar starting at `start`, closed on the same line. */
export function quotedScalar(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = "";
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return Bail(); // multi-line quoted scalars fold lines: left to `yaml`
    const ch = text[i] as string;
    if (ch === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (ch === "\\" && quote === '"') {
      const next = text[i + 1] as string;
      const simple = ESCAPES[next];
      if (simple !== undefined) {
        value += simple;
        i += 2;
        continue;
      }
      if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        const code = Number.parseInt(text.slice(i + 2, i + 6), 16);
        if (code >= 0xd800 && code <= 0xdfff) return Bail();
        value += String.fromCharCode(code);
        i += 6;
        continue;
      }
      return Bail();
    }
    value += ch;
    i++;
  }
}
