/** One line of the source: its leading spaces counted, the rest kept. */
export interface Line {
  indent: number;
  content: string;
  /** Where `content` starts in the file. */
  offset: number;
}

/** Thrown (and caught at the top) when the text leaves the subset the fast parser handles. */
export const BAIL = Symbol("outside the fast YAML subset");

export function Bail(): never {
  throw BAIL;
}

/**
 * `text` without its trailing spaces. Not String.prototype.trimEnd, which also strips U+00A0, U+3000
 * and the other Unicode spaces: in YAML they are content (tabs never reach the subset).
 */
export function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** The index of the first character at or after `from` that is not a space. */
export function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === 32) i++;
  return i;
}

export function isBlankOrComment(text: string): boolean {
  let i = 0;
  while (text.charCodeAt(i) === 32) i++;
  return i === text.length || text.charCodeAt(i) === 35; /* # */
}

const RESERVED_WORDS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/** A mapping key that the subset accepts, or a bail for any other key. */
export function checkedKey(key: string): string {
  if (key === "__proto__" || key.length > 200) return Bail();
  return key;
}

/**
 * Whether a key written unquoted is one the subset accepts: it resolves to the same string in every
 * YAML schema. `[A-Za-z_][A-Za-z0-9_-]*`, at most 200 characters, not null or a boolean, and not
 * `__proto__`. A loop rather than a regular expression: every key of every file goes through it.
 */
export function isPlainKey(key: string): boolean {
  const length = key.length;
  if (length === 0 || length > 200 || key === "__proto__") return false;
  const first = key.charCodeAt(0);
  if (!isLetter(first) && first !== 95 /* _ */) return false;
  for (let i = 1; i < length; i++) {
    const code = key.charCodeAt(i);
    if (!isLetter(code) && !isDigit(code) && code !== 95 && code !== 45 /* - */) return false;
  }
  return !(RESERVED_FIRST.includes(first) && RESERVED_WORDS.test(key));
}

/** A key written unquoted (see isPlainKey), or a bail for any other. */
export function checkedPlainKey(key: string): string {
  return isPlainKey(key) ? key : Bail();
}

/** n N t T f F: the first letters of null and the booleans. */
const RESERVED_FIRST = [110, 78, 116, 84, 102, 70];

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
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
      if (content.charCodeAt(skipSpaces(content, end)) === 58 /* : */) return Bail();
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

/** How long the plain scalar at the start of `text` is written: up to a comment, trailing spaces excluded. */
export function plainValueLength(text: string): number {
  const comment = text.indexOf(" #");
  return trimSpacesEnd(comment >= 0 ? text.slice(0, comment) : text).length;
}

/** A plain scalar written after `key: ` or `- ` in block context, up to a comment. */
export function plainValue(text: string): unknown {
  const first = text[0] as string;
  if (",]}&*!%@`?:".includes(first)) return Bail();
  if (first === "-" && (text.length === 1 || text.charCodeAt(1) === 32)) return Bail();
  const comment = text.indexOf(" #");
  const value = trimSpacesEnd(comment >= 0 ? text.slice(0, comment) : text);
  if (value.includes(": ") || value.endsWith(":")) return Bail();
  return resolvePlainScalar(value);
}

/**
 * The YAML 1.2 core schema's resolution of a plain scalar, as the `yaml` package resolves it (null,
 * booleans, octal, decimal and hexadecimal integers, infinities and NaN, floats). Hand-written tests
 * come first: dates and other digit-led words would otherwise try every pattern in turn.
 */
export function resolvePlainScalar(text: string): unknown {
  const length = text.length;
  if (length === 0) return null;
  const first = text.charCodeAt(0);
  switch (first) {
    case 126 /* ~ */:
      return length === 1 ? null : text;
    case 110 /* n */:
    case 78 /* N */:
      return /^(?:[Nn]ull|NULL)$/.test(text) ? null : text;
    case 116 /* t */:
    case 84 /* T */:
    case 102 /* f */:
    case 70 /* F */:
      return /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text) ? first === 116 || first === 84 : text;
  }
  if (!isDigit(first) && first !== 43 /* + */ && first !== 45 /* - */ && first !== 46 /* . */) return text;
  if (isInteger(text)) return Number.parseInt(text, 10);
  if (first === 48 /* 0 */ && length > 2) {
    const radix = text.charCodeAt(1);
    if (radix === 111 /* o */ && /^0o[0-7]+$/.test(text)) return Number.parseInt(text.substring(2), 8);
    if (radix === 120 /* x */ && /^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.substring(2), 16);
  }
  // After the integers (matched above), a float: a mantissa with a dot, an exponent, or both.
  if (FLOAT.test(text)) return Number.parseFloat(text);
  if (SPECIAL_FLOAT.test(text)) {
    if (text.slice(-3).toLowerCase() === "nan") return Number.NaN;
    return first === 45 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return text;
}

const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** `[-+]?[0-9]+` */
function isInteger(text: string): boolean {
  let i = text.charCodeAt(0) === 43 || text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === text.length) return false;
  for (; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
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

/**
 * Whether `text` is spelled as a date, YYYY-MM-DD, but names no day of the Gregorian calendar
 * (2026-02-30, 2026-13-01). Such values are refused: the fast parser leaves them to the full parse,
 * which reports BAD_DATE at their position.
 */
export function isImpossibleDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) if (!isDigit(text.charCodeAt(i))) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return true;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day > days;
}

/**
 * A scalar value the subset may return: a bail for non-finite numbers and impossible dates, which the
 * full parse reports as problems (NON_FINITE, BAD_DATE), so that both paths agree.
 */
export function checkedValue<T>(value: T): T {
  if (typeof value === "number" && !Number.isFinite(value)) return Bail();
  if (typeof value === "string" && isImpossibleDate(value)) return Bail();
  return value;
}
