/**
 * Control characters a terminal (or a log viewer) would act on instead of showing: C0 (U+0000-U+001F),
 * DEL, C1 (U+0080-U+009F, where U+009B is a one-character CSI) and the bidirectional overrides and
 * isolates that reorder what a reader sees ("Trojan source"). Text from KPI files, data files and
 * engine errors is untrusted: `\u001b[2J` in a KPI name must reach the terminal as those characters,
 * not clear it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's purpose.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export interface EscapeControlOptions {
  /** Control characters the output format shows as layout and keeps (e.g. "\n\t" for a code block). */
  keep?: string;
}

/** Each control character as a visible `\uXXXX` escape; everything else unchanged. */
export function escapeControl(text: string, options: EscapeControlOptions = {}): string {
  const keep = options.keep ?? "";
  return text.replace(CONTROL, (char) =>
    keep.includes(char) ? char : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * A copy of a JSON-like value with `escapeControl` applied to every string in it (keys included),
 * for results and records that a human format prints field by field.
 */
export function escapeControlDeep<T>(value: T, options: EscapeControlOptions = {}): T {
  if (typeof value === "string") return escapeControl(value, options) as T;
  if (Array.isArray(value)) return value.map((item) => escapeControlDeep(item, options)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [escapeControl(key), escapeControlDeep(item, options)]),
    ) as T;
  }
  if (value instanceof Map) {
    return new Map(
      [...value].map(([key, item]) => [escapeControlDeep(key, options), escapeControlDeep(item, options)]),
    ) as T;
  }
  return value;
}
