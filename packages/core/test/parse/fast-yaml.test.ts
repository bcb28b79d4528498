import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseYamlFast } from "../../src/parse/fast-yaml.js";
import { ACTIVATION_KPI, CHURN_KPI, VALID_PROJECT } from "../support/workspace-texts.js";
import { fullParse } from "./yaml-oracle.js";

const examplesRoot = join(import.meta.dirname, "../../../../examples");

function exampleTexts(): { file: string; text: string }[] {
  return readdirSync(examplesRoot, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith(".yaml") && !file.includes("node_modules"))
    .map((file) => ({ file, text: readFileSync(join(examplesRoot, file), "utf8") }));
}

describe("parseYamlFast", () => {
  test("gives the yaml package's value for the shared workspace texts", () => {
    for (const text of [VALID_PROJECT, ACTIVATION_KPI, CHURN_KPI]) {
      const value = parseYamlFast(text);
      expect(value).toBeDefined();
      expect(value).toEqual(fullParse(text).value);
    }
  });

  test("handles most example files and agrees with the yaml package on each one it handles", () => {
    const texts = exampleTexts();
    let handled = 0;
    for (const { text } of texts) {
      const value = parseYamlFast(text);
      if (value === undefined) continue;
      handled++;
      expect(value).toEqual(fullParse(text).value);
    }
    expect(texts.length).toBeGreaterThan(10);
    expect(handled / texts.length).toBeGreaterThan(0.8);
  });

  test.each([
    [
      "core schema scalars",
      "a: 1\nb: -2.5\nc: 0x1F\nd: 0o17\ne: 1e3\nf: 2024-02-29\ng: ~\nh: True\ni: 2026-10-01\nj: 1_000\n",
    ],
    ["quoted scalars and escapes", "a: 'it''s'\nb: \"tab\\there \\u00e9\"\nc: '1'\nd: \"\"\n"],
    ["folded and literal block scalars", "a: >\n  one\n  two\n\n  three\nb: |-\n  x\n    y\nc: x\n"],
    [
      "sequences aligned with their key and nested",
      "a:\n- 1\n- x: 1\n  y: [a, 'b c']\nb:\n  - {k: v, n: 2}\n",
    ],
    ["comments everywhere", "# head\na: 1 # trailing\n  # indented\nb:\n  # inside\n  c: d#e\n"],
    ["empty values and collections", "a:\nb: []\nc: {}\nd: null\n"],
    [
      "CRLF line ends",
      "a: 1\r\nb: x # c\r\n\r\nc:\r\n  - [p, q]\r\nd: |\r\n  one\r\n  two\r\ne: >-\r\n  f\r\n\r\n  g\r\n",
    ],
    ["a BOM at the start", "\ufeffa: 1\nb: x\n"],
    [
      "Unicode spaces, which YAML keeps as content",
      "owner: finance\u00a0\nsource: lake\u3000\nx: \u2003a # c\ny: [a\u00a0, \u202fb]\nz: { k: v\u205f }\nw: |\n  \u1680t\u2000\n",
    ],
  ])("agrees with the yaml package on %s", (_name, text) => {
    expect(fullParse(text).ok).toBe(true);
    const value = parseYamlFast(text);
    expect(value).toBeDefined();
    expect(value).toEqual(fullParse(text).value);
  });

  test.each([
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a tab as indentation", "a:\n\tb: 1\n"],
    ["an anchor and alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!str 1\n"],
    ["a second document", "a: 1\n---\nb: 2\n"],
    ["a multi-line plain scalar", "a: one\n  two\n"],
    ["odd indentation", "a:\n    b: 1\n  c: 2\n"],
    ["an unclosed flow sequence", "a: [1, 2\n"],
    ["a nested compact mapping", "a: b: c\n"],
    ["a top-level sequence", "- 1\n- 2\n"],
    ["a lone CR", "a: 1\rb: 2\n"],
    ["a BOM past the start", "a: x\ufeff\n"],
    ["a next-line character", "a: x\u0085y\n"],
    ["a line separator", "a: x\u2028y\n"],
    ["a key followed by a Unicode space", "owner\u00a0: x\n"],
    // The full parse reports these at their position (NON_FINITE, BAD_DATE); the fast path must not hide them.
    ["an infinity", "a: .inf\n"],
    ["a negative infinity in a flow sequence", "a: [1, -.Inf]\n"],
    ["a NaN", "a: .nan\n"],
    ["a float too large for a double", "a: 1e400\n"],
    ["an integer too large for a double", `a: ${"9".repeat(400)}\n`],
    ["an impossible date", "a: 2026-02-30\n"],
    ["an impossible date, quoted, in a flow mapping", "a: { by: '2026-13-01' }\n"],
    ["February 29th of a common year", "a: |-\n  2100-02-29\n"],
  ])("leaves %s to the yaml package", (_name, text) => {
    expect(parseYamlFast(text)).toBeUndefined();
  });
});
