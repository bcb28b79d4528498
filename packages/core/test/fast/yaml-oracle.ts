import { parseDocument } from "yaml";

/** What the full parser makes of a text, with the options ParsedFile uses: the fast parser's oracle. */
export function fullParse(text: string): { ok: boolean; value: unknown } {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  if (document.errors.length > 0) return { ok: false, value: undefined };
  return { ok: true, value: document.toJS({ maxAliasCount: 100 }) };
}
