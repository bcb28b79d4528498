/** How a dialect spells strings, quoted names and comments: what the lexer must skip over. */
export interface SqlLexicalRules {
  /** `\'` escapes a quote inside '...' and "..." strings (MySQL). */
  backslashEscapes: boolean;
  /** "..." is a string (MySQL) rather than a quoted identifier; either way it is skipped. */
  doubleQuotedStrings: boolean;
  /** `$tag$ ... $tag$` strings (PostgreSQL, DuckDB). */
  dollarQuotedStrings: boolean;
  /** `E'...'` strings with backslash escapes (PostgreSQL, DuckDB). */
  escapeStringPrefix: boolean;
  /** `# comment` to end of line (MySQL). */
  hashComments: boolean;
  /** `--` starts a comment only when followed by a space (MySQL; `1--1` is arithmetic there). */
  dashCommentNeedsSpace: boolean;
  /** `/* /* nested *\/ *\/` (PostgreSQL, DuckDB). */
  nestedBlockComments: boolean;
  /** `[name]` quoted identifiers (SQLite). */
  bracketIdentifiers: boolean;
  /**
   * `/*! ... *\/`, `/*!50000 ... *\/` and `/*M! ... *\/` are code, not comments (MySQL, MariaDB):
   * their markers are skipped like spaces and what they enclose is scanned as SQL.
   */
  executableComments: boolean;
}

export type SqlTokenKind =
  | "space"
  | "comment"
  | "string"
  | "quoted-identifier"
  | "word"
  | "number"
  | "cast" // `::`
  | "named-param" // `:name`
  | "semicolon"
  | "other"
  | "unterminated"; // a string, quoted identifier or comment that never closes

export interface SqlToken {
  kind: SqlTokenKind;
  start: number;
  end: number;
  text: string;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
// Sticky: matched where the scan stands, without copying the rest of the text at every '$'.
const DOLLAR_TAG = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;
// `/*!`, `/*!50700`, `/*M!`, `/*M!100100`: the server runs the text up to the next `*/`.
const EXECUTABLE_COMMENT_OPEN = /\/\*M?!\d*/y;

/** Splits SQL into tokens, just enough to know what lies outside strings and comments. */
export function scanSql(sql: string, rules: SqlLexicalRules): SqlToken[] {
  const tokens: SqlToken[] = [];
  let position = 0;
  // Inside an executable comment, its closing `*/` ends it; everything before is code.
  let inExecutableComment = false;
  const push = (kind: SqlTokenKind, end: number) => {
    tokens.push({ kind, start: position, end, text: sql.slice(position, end) });
    position = end;
  };
  while (position < sql.length) {
    const char = sql[position] as string;
    const next = sql[position + 1];
    if (/\s/.test(char)) {
      let end = position + 1;
      while (end < sql.length && /\s/.test(sql[end] as string)) end++;
      push("space", end);
    } else if (
      (char === "-" &&
        next === "-" &&
        (!rules.dashCommentNeedsSpace || /^\s?$/.test(sql[position + 2] ?? ""))) ||
      (char === "#" && rules.hashComments)
    ) {
      const newline = sql.indexOf("\n", position);
      push("comment", newline === -1 ? sql.length : newline);
    } else if (inExecutableComment && char === "*" && next === "/") {
      inExecutableComment = false;
      push("space", position + 2);
    } else if (rules.executableComments && !inExecutableComment && executableCommentOpen(sql, position)) {
      inExecutableComment = true;
      push("space", position + executableCommentOpen(sql, position));
    } else if (char === "/" && next === "*") {
      const end = blockCommentEnd(sql, position, rules.nestedBlockComments);
      push(end === -1 ? "unterminated" : "comment", end === -1 ? sql.length : end);
    } else if (char === "'") {
      pushQuoted("string", quotedEnd(sql, position, "'", rules.backslashEscapes));
    } else if (char === '"') {
      const kind = rules.doubleQuotedStrings ? "string" : "quoted-identifier";
      pushQuoted(kind, quotedEnd(sql, position, '"', rules.doubleQuotedStrings && rules.backslashEscapes));
    } else if (char === "`") {
      pushQuoted("quoted-identifier", quotedEnd(sql, position, "`", false));
    } else if (char === "[" && rules.bracketIdentifiers) {
      const close = sql.indexOf("]", position + 1);
      pushQuoted("quoted-identifier", close === -1 ? -1 : close + 1);
    } else if (char === "$" && rules.dollarQuotedStrings && dollarTag(sql, position)) {
      const tag = dollarTag(sql, position) as string;
      const close = sql.indexOf(tag, position + tag.length);
      pushQuoted("string", close === -1 ? -1 : close + tag.length);
    } else if (char === ":" && next === ":") {
      push("cast", position + 2);
    } else if (char === ":" && next !== undefined && WORD_START.test(next)) {
      push("named-param", wordEnd(sql, position + 1));
    } else if (
      (char === "E" || char === "e") &&
      next === "'" &&
      rules.escapeStringPrefix &&
      !isWordChar(sql[position - 1])
    ) {
      const end = quotedEnd(sql, position + 1, "'", true);
      pushQuoted("string", end);
    } else if (WORD_START.test(char)) {
      push("word", wordEnd(sql, position));
    } else if (/[0-9]/.test(char)) {
      let end = position + 1;
      while (end < sql.length && /[0-9.eE_]/.test(sql[end] as string)) end++;
      push("number", end);
    } else if (char === ";") {
      push("semicolon", position + 1);
    } else {
      push("other", position + 1);
    }
  }
  if (inExecutableComment)
    tokens.push({ kind: "unterminated", start: sql.length, end: sql.length, text: "" });
  return tokens;

  function pushQuoted(kind: SqlTokenKind, end: number) {
    if (end === -1) push("unterminated", sql.length);
    else push(kind, end);
  }
}

/** The `$tag$` opening a dollar-quoted string at `position`, if one does. */
function dollarTag(sql: string, position: number): string | undefined {
  DOLLAR_TAG.lastIndex = position;
  return DOLLAR_TAG.exec(sql)?.[0];
}

/** The length of an executable comment's opening marker at `position`, or 0. */
function executableCommentOpen(sql: string, position: number): number {
  EXECUTABLE_COMMENT_OPEN.lastIndex = position;
  return EXECUTABLE_COMMENT_OPEN.exec(sql)?.[0].length ?? 0;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_PART.test(char);
}

function wordEnd(sql: string, start: number): number {
  let end = start;
  while (end < sql.length && isWordChar(sql[end])) end++;
  return end;
}

/** End (exclusive) of a quoted run opened at `start`, or -1. A doubled quote is an escaped quote. */
function quotedEnd(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let index = start + 1;
  while (index < sql.length) {
    const char = sql[index];
    if (backslashEscapes && char === "\\") {
      index += 2;
    } else if (char === quote) {
      if (sql[index + 1] === quote) index += 2;
      else return index + 1;
    } else {
      index++;
    }
  }
  return -1;
}

function blockCommentEnd(sql: string, start: number, nested: boolean): number {
  let depth = 0;
  let index = start;
  while (index < sql.length) {
    if (sql.startsWith("/*", index)) {
      depth = nested ? depth + 1 : 1;
      index += 2;
    } else if (sql.startsWith("*/", index)) {
      depth--;
      index += 2;
      if (depth === 0) return index;
    } else {
      index++;
    }
  }
  return -1;
}
