import { parseDocument } from "yaml";
import { ParsedFile, type SyntaxProblem } from "../../src/parse/parsed-file.js";

/**
 * What the yaml package alone makes of a text, with the options ParsedFile had before it checked
 * repeated keys itself (`uniqueKeys: true`): the fast parser's independent oracle.
 */
export function fullParse(text: string): { ok: boolean; value: unknown } {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  if (document.errors.length > 0) return { ok: false, value: undefined };
  return { ok: true, value: document.toJS({ maxAliasCount: 100 }) };
}

/** The problems the full parse (ParsedFile without a fast value) reports for a text. */
export function fullParseProblems(text: string): readonly SyntaxProblem[] {
  return new ParsedFile("oracle.kpi.yaml", text).syntaxProblems;
}
