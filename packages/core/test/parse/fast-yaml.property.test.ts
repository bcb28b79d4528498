import { ParsedFile, type Path } from "@kpi-as-code/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseYamlFast } from "../../src/parse/fast-yaml.js";
import { ACTIVATION_KPI, CHURN_KPI, VALID_PROJECT } from "../support/workspace-texts.js";
import { fullParse, fullParseProblems } from "./yaml-oracle.js";

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
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 4 }) },
  { weight: 1, arbitrary: fc.double({ noDefaultInfinity: true }).map(String) },
);
const key = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
);
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
    fc.constantFrom(...MUTATION_TEXT, "&a ", "*a", "!x ", "\t", "\r", "\r\n", "a", "1", "."),
    fc.string(),
    fc.string({ unit: "binary", maxLength: 3 }),
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
  // Nor may it hide a problem the full parse reports (non-finite numbers, impossible dates...).
  expect(fullParseProblems(text), `the full parse reports problems in:\n${text}`).toEqual([]);
  // Its positions (a diagnostic's, without the position tree) are the tree's, on every path.
  const fastFile = ParsedFile.fromFastParser("draw.kpi.yaml", text, fast);
  const tree = new ParsedFile("draw.kpi.yaml", text);
  for (const path of everyPath(fast)) {
    for (const target of ["key", "value"] as const) {
      expect(fastFile.locate(path, target), `${JSON.stringify(path)} ${target} in:\n${text}`).toEqual(
        tree.locate(path, target),
      );
    }
  }
}

/** Every path to a key, item or value of a parsed value, and one that does not exist under each. */
function everyPath(value: unknown, prefix: Path = []): Path[] {
  const found: Path[] = [[...prefix, "missing"]];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      found.push([...prefix, index], ...everyPath(item, [...prefix, index]));
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value))
      found.push([...prefix, key], ...everyPath(item, [...prefix, key]));
  }
  return found;
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
    expect(handled).toBeGreaterThan(200);
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

/** Every character Unicode calls a space, and the line ends and tab YAML treats apart. */
const UNICODE_SPACES = [
  ...["\u0085", "\u00a0", "\u1680", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff"],
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
];
const WHITESPACE = [...UNICODE_SPACES, "\r", "\r\n", "\n", "\t", " ", "  "];

/** A KPI document with flow collections and comments, beside the realistic shared texts. */
const FLOW_KPI = `# owned by finance
kpi: net_revenue # id
owner: finance
tags: [money, 'q4', "board"]
measures:
  revenue: { source: lake, aggregate: sum, column: amount }
  refunds:
    source: lake
    where: "status = 'refunded'" # only refunds
target: { value: 1.5e6, by: 2026-12-31 }
notes: |
  first line
  second line
`;
const BASE_TEXTS = [FLOW_KPI, VALID_PROJECT, ACTIVATION_KPI, CHURN_KPI];

/** Where a person (or an editor) would leave stray characters: line ends, around separators and indicators. */
function insertionPoints(text: string): number[] {
  const points: number[] = [0, text.length];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n" || ch === "#" || ch === "," || ch === "]" || ch === "}" || ch === "'" || ch === '"')
      points.push(i);
    if (ch === ":" || ch === "[" || ch === "{" || ch === "-" || ch === " ") points.push(i + 1);
  }
  return points;
}

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WHITESPACE) },
  {
    weight: 2,
    arbitrary: fc.string({ unit: fc.constantFrom(...WHITESPACE, "a", "#", ":", "1", "-"), maxLength: 4 }),
  },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
);

const unicodeDocument = fc
  .record({
    base: fc.constantFrom(...BASE_TEXTS),
    inserts: fc.array(fc.tuple(fc.nat(), piece), { minLength: 1, maxLength: 3 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ base, inserts, crlf, bom }) => {
    let text = base;
    for (const [at, insert] of inserts) {
      const points = insertionPoints(text);
      const position = points[at % points.length] as number;
      text = text.slice(0, position) + insert + text.slice(position);
    }
    if (crlf) text = text.replace(/\r?\n/g, "\r\n");
    return bom ? `\ufeff${text}` : text;
  });

describe("parseYamlFast against the yaml package on full Unicode (property)", () => {
  test("realistic KPI documents with Unicode spaces, graphemes, CR, CRLF, BOM and tabs inserted", () => {
    let handled = 0;
    fc.assert(
      fc.property(unicodeDocument, (text) => {
        if (parseYamlFast(text) !== undefined) handled++;
        assertAgrees(text);
      }),
      { numRuns: 3000 },
    );
    // Most insertions land in values and comments, where the subset keeps reading.
    expect(handled).toBeGreaterThan(450);
  });

  test("every Unicode space at every insertion point of a KPI document, LF and CRLF", () => {
    for (const variant of [FLOW_KPI, FLOW_KPI.replace(/\n/g, "\r\n")]) {
      for (const position of insertionPoints(variant)) {
        for (const space of UNICODE_SPACES) {
          assertAgrees(variant.slice(0, position) + space + variant.slice(position));
        }
      }
    }
  });

  test("CRLF and a BOM keep the shared texts on the fast path", () => {
    for (const base of BASE_TEXTS) {
      for (const text of [
        base.replace(/\n/g, "\r\n"),
        `\ufeff${base}`,
        `\ufeff${base.replace(/\n/g, "\r\n")}`,
      ]) {
        expect(parseYamlFast(text)).toEqual(fullParse(base).value);
      }
    }
  });
});
