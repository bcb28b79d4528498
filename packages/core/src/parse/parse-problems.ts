/** A half-open range of offsets into a file's text. */
export interface Span {
  start: number;
  end: number;
}

/** A problem found while reading a file's YAML, at its position. */
export interface SyntaxProblem extends Span {
  code: string;
  message: string;
}

/**
 * The problems the parse layer reports beside the `yaml` package's own codes (BAD_INDENT,
 * MISSING_CHAR...). Each code is stable: rules and tests match it, never the message.
 */
export const PARSE_MESSAGES = {
  /** A key repeated in one mapping (the yaml package's own code and message). */
  DUPLICATE_KEY: () => "Map keys must be unique",
  /** An alias inside the node its anchor names: the value would contain itself. */
  ALIAS_CYCLE: (name: string) => `alias *${name} refers to a node that contains it`,
  /** An alias with no anchor of that name before it. */
  UNRESOLVED_ALIAS: (name: string) => `alias *${name} has no anchor &${name} before it`,
  /** Too many anchors, aliases, or nodes copied through aliases (a "billion laughs" document). */
  ALIAS_LIMIT: (limit: number) =>
    `aliases would copy more than ${limit} nodes (or the file has more than ${limit} anchors or aliases)`,
  /** Collections nested deeper than any KPI file needs (the yaml package would exhaust its stack). */
  TOO_DEEP: (limit: number) => `collections nested more than ${limit} levels deep`,
  /** A number that is not finite: `.inf`, `-.inf`, `.nan`, or one too large for a double (`1e400`). */
  NON_FINITE: (text: string) => `${text} is not a finite number`,
  /** A value spelled as a date (YYYY-MM-DD) that names no calendar day, such as 2026-02-30. */
  BAD_DATE: (text: string) => `${text} is not a date: that day does not exist`,
} as const;

export type ParseProblemCode = keyof typeof PARSE_MESSAGES;
