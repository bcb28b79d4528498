import { ParsedFile } from "@kpi-as-code/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseDocument } from "yaml";

/*
 * ParsedFile finds repeated keys itself, in one pass with a Set, instead of the yaml package's
 * `uniqueKeys` (quadratic). On every draw it must report the same repeated keys as the package's
 * own check, at the key, and every other problem unchanged.
 */

const KEYS = [
  "a",
  "b",
  "'a'",
  '"b"',
  "1",
  "1.0",
  "0x1",
  "~",
  "null",
  "true",
  "True",
  ".nan",
  "[x]",
  "{k: v}",
  "? c",
];
const VALUES = ["1", "x", "[1, 2]", "{ a: 1, a: 2 }", "{ b: 1, 'b': 2 }", "", "&n 1", "*n", "|\n  t"];

const entry = fc.record({
  key: fc.constantFrom(...KEYS),
  value: fc.constantFrom(...VALUES),
  nested: fc.boolean(),
});

/** A block mapping of drawn entries, some of them holding a nested mapping of drawn entries. */
const text = fc
  .tuple(fc.array(entry, { minLength: 1, maxLength: 6 }), fc.array(entry, { maxLength: 4 }))
  .map(([top, inner]) =>
    top
      .map(({ key, value, nested }) =>
        nested && inner.length > 0
          ? `${key}:\n${inner.map((child) => `  ${child.key}: ${child.value.replace(/\n/g, "\n  ")}`).join("\n")}`
          : `${key}: ${value}`,
      )
      .join("\n")
      .concat("\n"),
  );

/**
 * The package puts a repeated key's problem where the previous entry's tokens end, which after an
 * empty value (`a:` then a new line) is the end of the line before; ParsedFile puts it at the key.
 */
function atKey(text: string, offset: number): number {
  let at = offset;
  while (text[at] === " " || text[at] === "\n") at++;
  return at;
}

function byCode(problems: readonly { code: string; start: number }[]) {
  return problems.map(({ code, start }) => `${code}@${start}`).sort();
}

describe("repeated keys (property)", () => {
  test("are reported where the yaml package's uniqueKeys reports them, other problems unchanged", () => {
    fc.assert(
      fc.property(text, (source) => {
        const reference = parseDocument(source, { uniqueKeys: true, prettyErrors: false, strict: true });
        const found = new ParsedFile("d.kpi.yaml", source).syntaxProblems.filter(
          (problem) =>
            // Problems only ParsedFile reports (aliases before their anchor, NaN and dates) are not compared.
            reference.errors.some((error) => error.code === problem.code) || problem.code === "DUPLICATE_KEY",
        );
        const others = <T extends { code: string }>(list: readonly T[]) =>
          list.filter((problem) => problem.code !== "DUPLICATE_KEY");
        const duplicates = (list: readonly { code: string }[]) => list.length - others(list).length;
        expect(duplicates(found), source).toBe(duplicates(reference.errors));
        const referenceOthers = others(reference.errors).map((error) => ({
          code: error.code,
          start: error.pos[0],
        }));
        expect(byCode(others(found)), source).toEqual(byCode(referenceOthers));
        // After another error the package's offset can point into the entry before; compare where it is sound.
        if (referenceOthers.length === 0) {
          const expected = reference.errors.map((error) => ({
            code: error.code,
            start: atKey(source, error.pos[0]),
          }));
          expect(byCode(found), source).toEqual(byCode(expected));
        }
      }),
      { numRuns: 1500 },
    );
  });
});
