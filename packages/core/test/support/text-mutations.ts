import fc from "fast-check";

/** One edit of a document's text; positions are fractions of the length so they fit any text. */
export type Mutation = (text: string) => string;

/** Characters that mean something to YAML, plus line breaks, tabs, NUL and a BOM. */
const YAML_PUNCTUATION = [..."-:?,[]{}#&*!|>'\"%@`\n\r\t \0\uFEFF\\"];

const at = (text: string, fraction: number) => Math.floor(fraction * (text.length + 1));
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** Short strings of YAML punctuation, any Unicode (lone surrogates included), or ids and numbers. */
const fragment = fc.oneof(
  fc.string({ unit: fc.constantFrom(...YAML_PUNCTUATION), minLength: 1, maxLength: 4 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 6 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    maxLength: 4,
  }),
  fc.constantFrom(
    "kpi",
    "formula",
    "measures",
    "goals",
    "owners",
    "sources",
    "target",
    "policy",
    "rules",
    "*a",
    "&a",
    "<<",
  ),
  fc.constantFrom("-1", "0", "1e309", "NaN", ".inf", "null", "~", "true", "2026-13-45", "0x1F", "!!binary"),
);

function mapLines(text: string, edit: (lines: string[]) => void): string {
  const lines = text.split("\n");
  edit(lines);
  return lines.join("\n");
}

const insert = fc.tuple(fraction, fragment).map(
  ([where, what]): Mutation =>
    (text) => {
      const offset = at(text, where);
      return text.slice(0, offset) + what + text.slice(offset);
    },
);

const remove = fc.tuple(fraction, fc.integer({ min: 1, max: 40 })).map(
  ([where, length]): Mutation =>
    (text) => {
      const offset = at(text, where);
      return text.slice(0, offset) + text.slice(offset + length);
    },
);

const replace = fc.tuple(fraction, fc.integer({ min: 1, max: 12 }), fragment).map(
  ([where, length, what]): Mutation =>
    (text) => {
      const offset = at(text, where);
      return text.slice(0, offset) + what + text.slice(offset + length);
    },
);

const swapLines = fc.tuple(fraction, fraction).map(
  ([first, second]): Mutation =>
    (text) =>
      mapLines(text, (lines) => {
        const i = Math.floor(first * lines.length);
        const j = Math.floor(second * lines.length);
        [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
      }),
);

/** Repeating a line right after itself or elsewhere: duplicate keys, at the same or another level. */
const duplicateLine = fc.tuple(fraction, fraction).map(
  ([from, to]): Mutation =>
    (text) =>
      mapLines(text, (lines) => {
        const line = lines[Math.floor(from * lines.length)] ?? "";
        lines.splice(Math.floor(to * (lines.length + 1)), 0, line);
      }),
);

const reindent = fc.tuple(fraction, fc.integer({ min: 0, max: 12 }), fc.constantFrom(" ", "\t", "  ")).map(
  ([where, depth, unit]): Mutation =>
    (text) =>
      mapLines(text, (lines) => {
        const index = Math.floor(where * lines.length);
        lines[index] = unit.repeat(depth) + (lines[index] ?? "").trimStart();
      }),
);

const truncate = fraction.map(
  (where): Mutation =>
    (text) =>
      text.slice(0, at(text, where)),
);

/**
 * What an attacker writes (issue #17): an alias that refers to itself, an alias bomb, thousands of
 * keys (the parse must stay linear), deep nesting, a long line, inserted at a line start.
 */
const HOSTILE = [
  "a: &c [*c]\n",
  "m: &m { k: *m }\n",
  "a: &a [x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c]\n",
  `${Array.from({ length: 600 }, (_, i) => `k${i}: ${i}`).join("\n")}\n`,
  `deep: ${"[".repeat(300)}${"]".repeat(300)}\n`,
  `deep: ${"{a: ".repeat(100)}1${"}".repeat(100)}\n`,
  `long: ${"x".repeat(20_000)}\n`,
  "v: 1e400\nw: -.inf\nd: 2026-02-30\n",
];
const hostile = fc.tuple(fraction, fc.constantFrom(...HOSTILE)).map(
  ([where, what]): Mutation =>
    (text) => {
      const lineStart = text.lastIndexOf("\n", at(text, where) - 1) + 1;
      return text.slice(0, lineStart) + what + text.slice(lineStart);
    },
);

/** A sequence of one to `max` random edits. */
export function mutations(max = 6): fc.Arbitrary<Mutation[]> {
  const mutation = fc.oneof(
    { arbitrary: insert, weight: 4 },
    { arbitrary: remove, weight: 3 },
    { arbitrary: replace, weight: 4 },
    { arbitrary: swapLines, weight: 2 },
    { arbitrary: duplicateLine, weight: 2 },
    { arbitrary: reindent, weight: 2 },
    { arbitrary: truncate, weight: 1 },
    { arbitrary: hostile, weight: 1 },
  );
  return fc.array(mutation, { minLength: 1, maxLength: max });
}

export function applyAll(text: string, edits: readonly Mutation[]): string {
  return edits.reduce((current, edit) => edit(current), text);
}
