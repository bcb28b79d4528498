import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseYamlFast } from "../../src/fast/fast-yaml.js";
import { fullParse } from "./yaml-oracle.js";

type Tree =
  | { kind: "scalar"; text: string; style: number }
  | { kind: "map"; entries: [string, Tree][]; style: number }
  | { kind: "seq"; items: Tree[]; style: number };

/** Scalars on the edges of the core schema and of the subset's plain-scalar rules. */
const TRICKY = [
  ...["1", "-1", "+1", "007", "-0", "0x1F", "0o17", "0o8", "1e3", "1E-2", ".5", "1.", "-.5e1", "1_000"],
  ...[".inf", "-.Inf", "+.INF", ".nan", ".NaN", "~", "null", "Null", "NULL", "true", "False", "TRUE", "yes"],
  ...["2026-10-01", "a b", "a:b", "a #b", "a#b", "-x", "x-", "é", "it's", "", " lead", "trail ", "1:2"],
  ...["@x", "`x`", "%x", "[x]", "{x}", "x,y", "x: y", "? x", "- x", "|", ">", "*a", "&a", "!t", "#c", "'q'"],
  ...["0x", "0o", "+", "~x", "+.nan", "1e", "1.e5", ".e5", "+12", "0x1g", "nul", "tru", "False_"],
  ...['"d"', "a\\nb", "a\nb", "a\n\nb", "a\n  b", "\\u00e9", "---", "...", "x\ty", "a  b", "a ", ":", "-"],
];
const KEYS = ["a", "b", "kpi", "name", "x_1", "y-2", "true", "null", "1", "a b", "__proto__", "k:", "", "é"];

const scalarText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.double({ noDefaultInfinity: true }).map(String) },
);
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, fc.string({ maxLength: 4 }));
const style = fc.nat(99);

const { tree } = fc.letrec<{ tree: Tree; scalar: Tree; map: Tree; seq: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, tie("scalar"), tie("map"), tie("seq")),
  scalar: fc.record({ kind: fc.constant("scalar" as const), text: scalarText, style }),
  map: fc.record({
    kind: fc.constant("map" as const),
    entries: fc.array(fc.tuple(key, tie("tree")), { maxLength: 4 }),
    style,
  }),
  seq: fc.record({
    kind: fc.constant("seq" as const),
    items: fc.array(tie("tree"), { maxLength: 4 }),
    style,
  }),
}));

function renderScalar(text: string, style: number): string {
  if (style % 4 === 1) return `'${text.replaceAll("'", "''")}'`;
  if (style % 4 === 2) return JSON.stringify(text);
  return text;
}

function renderInline(node: Tree): string | undefined {
  if (node.kind === "scalar") return renderScalar(node.text, node.style);
  if (node.style % 3 !== 0 || node.kind === "map" ? node.style % 3 !== 0 : false) return undefined;
  if (node.kind === "seq") {
    if (node.items.some((item) => item.kind !== "scalar")) return undefined;
    return `[${node.items.map((item) => renderInline(item)).join(", ")}]`;
  }
  if (node.entries.some(([, value]) => value.kind !== "scalar")) return undefined;
  return `{ ${node.entries.map(([k, v]) => `${renderScalar(k, v.style >> 2)}: ${renderInline(v)}`).join(", ")} }`;
}

/** Block scalars for multi-line texts, when the style asks for one. */
function renderBlockScalar(node: Tree, indent: string): string | undefined {
  if (node.kind !== "scalar" || node.style % 5 !== 4) return undefined;
  const header = ["|", ">", "|-", ">-"][(node.style >> 3) % 4];
  const lines = node.text.split("\n").map((line) => (line === "" ? "" : `${indent}  ${line}`));
  return `${header}\n${lines.join("\n")}`;
}

function renderBlock(node: Tree, indent: string): string {
  const step = [" ", "  ", "    "][node.style % 3] as string;
  if (node.kind === "map") {
    return node.entries
      .map(([k, value]) => {
        const head = `${indent}${renderScalar(k, value.style >> 4)}:`;
        const comment = value.style % 7 === 0 ? " # note" : "";
        const block = renderBlockScalar(value, indent);
        if (block) return `${head} ${block}`;
        const inline = renderInline(value);
        if (inline !== undefined) return `${head} ${inline}${comment}`;
        const childIndent = value.kind === "seq" && value.style % 2 === 0 ? indent : indent + step;
        return `${head}${comment}\n${renderBlock(value, childIndent)}`;
      })
      .join("\n");
  }
  if (node.kind === "seq") {
    return node.items
      .map((item) => {
        const inline = renderInline(item);
        if (inline !== undefined) return `${indent}- ${inline}`;
        if (item.kind === "map" && item.entries.length > 0 && item.style % 2 === 0) {
          const body = renderBlock(item, `${indent}  `);
          return `${indent}- ${body.slice(indent.length + 2)}`;
        }
        return `${indent}-\n${renderBlock(item, indent + step)}`;
      })
      .join("\n");
  }
  return `${indent}${renderScalar(node.text, node.style)}`;
}

const document = fc
  .record({ entries: fc.array(fc.tuple(key, tree), { minLength: 1, maxLength: 5 }), style })
  .map((root) => `${renderBlock({ kind: "map", ...root }, "")}\n`);

const MUTATION_TEXT = [
  ":",
  ": ",
  "-",
  "- ",
  " ",
  "  ",
  "#",
  " #",
  "'",
  '"',
  "[",
  "]",
  "{",
  "}",
  ",",
  "\n",
  "|",
  ">",
];
const mutation = fc.record({
  at: fc.nat(),
  remove: fc.nat(3),
  insert: fc.oneof(
    fc.constantFrom(...MUTATION_TEXT, "&a ", "*a", "!x ", "\t", "\r", "a", "1", "."),
    fc.string(),
  ),
});

function mutate(text: string, mutations: { at: number; remove: number; insert: string }[]): string {
  let out = text;
  for (const { at, remove, insert } of mutations) {
    const position = out.length === 0 ? 0 : at % (out.length + 1);
    out = out.slice(0, position) + insert + out.slice(position + remove);
  }
  return out;
}

/** The fast parser either steps aside or agrees exactly with the yaml package, and never accepts what yaml rejects. */
function assertAgrees(text: string): void {
  const fast = parseYamlFast(text);
  if (fast === undefined) return;
  const full = fullParse(text);
  expect(full.ok, `yaml rejects what the fast parser accepted:\n${text}`).toBe(true);
  expect(fast, `values differ for:\n${text}`).toEqual(full.value);
}

describe("parseYamlFast against the yaml package (property)", () => {
  test("generated documents", () => {
    let handled = 0;
    fc.assert(
      fc.property(document, (text) => {
        if (parseYamlFast(text) !== undefined) handled++;
        assertAgrees(text);
      }),
      { numRuns: 3000 },
    );
    // The property is only worth something if the fast path takes a good share of the documents.
    expect(handled).toBeGreaterThan(300);
  });

  test("mutated documents", () => {
    fc.assert(
      fc.property(document, fc.array(mutation, { minLength: 1, maxLength: 3 }), (text, mutations) => {
        assertAgrees(mutate(text, mutations));
      }),
      { numRuns: 5000 },
    );
  });
});
