/** Comments, then quoted texts and identifiers, blanked so that their words and `;` do not count. */
const COMMENTS = /--[^\n]*|\/\*[\s\S]*?\*\//g;
const QUOTED = /'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`/g;

/**
 * Whether a view's SQL is one statement that starts as a query does (SELECT, WITH, VALUES, or a
 * parenthesised query). The runner checks the assembled statement again with the engine's lexer.
 */
export function looksLikeOneSelect(sql: string): boolean {
  const bare = sql.replace(COMMENTS, " ").replace(QUOTED, "''").trim().replace(/;\s*$/, "");
  if (bare.includes(";")) return false;
  if (!/^\(*\s*(select|with|values)\b/i.test(bare)) return false;
  return !/\b(insert|update|delete|merge|drop|create|alter|truncate|grant|copy|attach|pragma|call)\b/i.test(
    bare,
  );
}

/**
 * The views of `names` that a view's SQL names as a word, bare or quoted ("b", `b`), outside comments
 * and string literals (a view's name is an identifier, so a word match). The one matching of view
 * names: the rules (cycles) and the runner (which views a query reads, as CTEs) both use it.
 */
export function viewsNamedIn(sql: string, names: readonly string[]): string[] {
  const bare = sql.replace(COMMENTS, " ").replace(/'(?:[^']|'')*'/g, "''");
  return names.filter((name) => new RegExp(`(?<![\\w.])["\`]?${name}["\`]?(?![\\w])`, "i").test(bare));
}
