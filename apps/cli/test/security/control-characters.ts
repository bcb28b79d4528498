/** What a hostile KPI file or data file puts in a name or an error: color, title change, clear screen, reordering. */
export const HOSTILE_TEXT = "x\u001b[31mred\u001b]0;owned\u0007\u009b2J\u202eevil";

/**
 * The control characters in a text that a terminal would act on, as code points: C0 but newline and
 * tab, DEL, C1, bidi overrides. Empty when the output is safe to print.
 */
export function rawControlCharacters(text: string, allowed = "\n\t"): number[] {
  const found: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e);
    if (control && !allowed.includes(char)) found.push(code);
  }
  return found;
}
