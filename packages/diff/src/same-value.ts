/** JSON with sorted keys, so that key order (a formatting choice) never counts as a change. */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, inner: unknown) =>
      inner && typeof inner === "object" && !Array.isArray(inner)
        ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : inner,
    ) ?? ""
  );
}

export function sameValue(before: unknown, after: unknown): boolean {
  return canonicalJson(before) === canonicalJson(after);
}

/** A plain object's entries, or none for anything else (a broken file may hold any shape). */
export function recordOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The union of two records' keys: the base's order first, then keys only the head has. */
export function unionKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])];
}
