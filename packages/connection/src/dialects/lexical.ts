import type { SqlLexicalRules } from "../sql-lexer.js";

export const postgresLexicalRules: SqlLexicalRules = {
  backslashEscapes: false,
  doubleQuotedStrings: false,
  dollarQuotedStrings: true,
  escapeStringPrefix: true,
  hashComments: false,
  dashCommentNeedsSpace: false,
  nestedBlockComments: true,
  bracketIdentifiers: false,
  executableComments: false,
};

export const duckdbLexicalRules: SqlLexicalRules = { ...postgresLexicalRules };

export const sqliteLexicalRules: SqlLexicalRules = {
  ...postgresLexicalRules,
  dollarQuotedStrings: false,
  escapeStringPrefix: false,
  nestedBlockComments: false,
  bracketIdentifiers: true,
};

export const mysqlLexicalRules: SqlLexicalRules = {
  backslashEscapes: true,
  doubleQuotedStrings: true,
  dollarQuotedStrings: false,
  escapeStringPrefix: false,
  hashComments: true,
  dashCommentNeedsSpace: true,
  nestedBlockComments: false,
  bracketIdentifiers: false,
  executableComments: true,
};

/** ClickHouse: backslash escapes in strings, double quotes and backticks quote identifiers. */
export const clickhouseLexicalRules: SqlLexicalRules = {
  backslashEscapes: true,
  doubleQuotedStrings: false,
  dollarQuotedStrings: false,
  escapeStringPrefix: false,
  hashComments: false,
  dashCommentNeedsSpace: false,
  nestedBlockComments: false,
  bracketIdentifiers: false,
  executableComments: false,
};
