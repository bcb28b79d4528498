import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parseDocument,
  Scalar,
  type YAMLMap,
} from "yaml";
import { LineIndex } from "../document/line-index.js";
import { checkDocument } from "./document-checks.js";
import { fastYamlPositions, parseYamlFast } from "./fast-yaml.js";
import type { FastPositions } from "./fast-yaml-positions.js";
import { excessiveNesting, MAX_PARSE_NESTING } from "./nesting-guard.js";
import { PARSE_MESSAGES, type Span, type SyntaxProblem } from "./parse-problems.js";

export type { Span, SyntaxProblem } from "./parse-problems.js";
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

const YAML_OPTIONS = {
  // Repeated keys are found by checkDocument with a Set: the package's own check compares each key
  // with every earlier key of its mapping, minutes for a file of 40,000 keys.
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
  // The yaml package would otherwise print warnings (e.g. a mapping used as a key) straight to the
  // process's stderr, where the CLI and the language server have no use for them.
  logLevel: "error",
} as const;

/**
 * One YAML file: its JS value, its syntax problems, and source positions for any path in it.
 * The position tree (the `yaml` package's Document) is built only when a position is asked for,
 * so files that produce no diagnostics can take a faster parse (see `fastValue`).
 */
export class ParsedFile {
  private yamlDocument: Document.Parsed | undefined;
  /** Set when the text nests too deeply to be given to the yaml package at all. */
  private tooDeepAt: number | undefined;
  /** Per mapping, its pairs by key (the last pair of a repeated key), built when first searched. */
  private readonly pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
  private lineIndex: LineIndex | undefined;
  private parsedValue: unknown;
  private problems: SyntaxProblem[] | undefined;
  private fastSubset: boolean | undefined;
  /** For a file the fast parser read: where its keys and inline values are, found on first locate. */
  private fastPositions: FastPositions | undefined;
  private readonly fastValueGiven: boolean;

  constructor(
    readonly file: string,
    readonly text: string,
    fastValue?: unknown,
  ) {
    this.fastValueGiven = fastValue !== undefined;
    if (fastValue !== undefined) {
      this.parsedValue = fastValue;
      this.problems = [];
    }
  }

  /** A file that is not parsed at all (too large, binary), with the reason as its one problem. */
  static unparsed(file: string, text: string, problem: SyntaxProblem): ParsedFile {
    const parsed = new ParsedFile(file, text);
    parsed.problems = [problem];
    return parsed;
  }

  /** A file whose value the fast parser (parseYamlFast) gave: its text lies in that parser's subset. */
  static fromFastParser(file: string, text: string, value: unknown): ParsedFile {
    const parsed = new ParsedFile(file, text, value);
    parsed.fastSubset = true;
    return parsed;
  }

  /**
   * Whether the text lies in the fast parser's subset (one document, block mappings, no repeated
   * keys...), where a simple top-level line can be located without the position tree.
   */
  get inFastSubset(): boolean {
    this.fastSubset ??= parseYamlFast(this.text) !== undefined;
    return this.fastSubset;
  }

  /** The file's value as plain JS (best effort when there are syntax problems). */
  get value(): unknown {
    if (this.problems === undefined) this.parseFully();
    return this.parsedValue;
  }

  get syntaxProblems(): readonly SyntaxProblem[] {
    if (this.problems === undefined) this.parseFully();
    return this.problems ?? [];
  }

  /**
   * Whether the value can be trusted as far as syntax goes: duplicate keys (reported by their own rules)
   * still leave one value per key, the last, which is also the one `locate` resolves.
   */
  get valueIsSound(): boolean {
    return this.syntaxProblems.every((problem) => problem.code === "DUPLICATE_KEY");
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  /** The key or the value at `path`; where the path stops existing, the deepest key that does. */
  locate(path: Path, target: "key" | "value" = "value"): Span {
    // A file the fast parser read knows where its keys and one-line values are without the yaml
    // package's tree, whose parse costs ten times the fast one (a second of a 40,000-key file).
    if (this.fastValueGiven && path.length > 0) {
      this.fastPositions ??= fastYamlPositions(this.text);
      const spans = this.fastPositions?.at(path);
      const span = target === "key" ? spans?.key : spans?.value;
      if (span) return span;
    }
    const document = this.document();
    let node: Node | null | undefined = document.contents;
    // A missing top-level field has no parent key: point at the file's first key.
    if (path.length === 0 && target === "key") return firstKeySpan(node) ?? { start: 0, end: 0 };
    let keySpan: Span | undefined;
    for (const segment of path) {
      const pair = this.childPair(node, segment);
      if (!pair) return keySpan ?? firstKeySpan(node) ?? { start: 0, end: 0 };
      keySpan = pair.key ?? keySpan;
      node = pair.value;
    }
    if (target === "key" && keySpan) return keySpan;
    return rangeOf(node) ?? keySpan ?? { start: 0, end: 0 };
  }

  /**
   * A sub-range of a scalar's value (e.g. an identifier inside a formula) mapped to source offsets.
   * Exact for plain and quoted scalars whose source spells the value verbatim; otherwise the whole value.
   */
  locateInValue(path: Path, inner: Span): Span {
    const whole = this.locate(path, "value");
    const node = this.nodeAt(path);
    if (!isScalar(node) || typeof node.value !== "string") return whole;
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    if (node.type !== Scalar.PLAIN && !quoted) return whole;
    const contentStart = whole.start + (quoted ? 1 : 0);
    if (this.text.slice(contentStart, contentStart + node.value.length) !== node.value) return whole;
    return { start: contentStart + inner.start, end: contentStart + inner.end };
  }

  /** Keys that occur more than once in the mapping at `path` (each repetition after the first). */
  duplicateKeysUnder(path: Path): { key: string; span: Span }[] {
    const node = this.nodeAt(path);
    if (!isMap(node)) return [];
    const seen = new Set<string>();
    const duplicates: { key: string; span: Span }[] = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const span = rangeOf(pair.key as Node);
      if (seen.has(key) && span) duplicates.push({ key, span });
      seen.add(key);
    }
    return duplicates;
  }

  /** Whether `path` exists in the file. */
  has(path: Path): boolean {
    return this.nodeAt(path) !== undefined;
  }

  private nodeAt(path: Path): Node | null | undefined {
    let node: Node | null | undefined = this.document().contents;
    for (const segment of path) {
      const pair = this.childPair(node, segment);
      if (!pair) return undefined;
      node = pair.value;
    }
    return node;
  }

  private document(): Document.Parsed {
    if (this.yamlDocument) return this.yamlDocument;
    this.tooDeepAt = excessiveNesting(this.text);
    // A text too deep for the yaml package gets an empty document: positions fall back to the start.
    this.yamlDocument = parseDocument(this.tooDeepAt === undefined ? this.text : "", YAML_OPTIONS);
    return this.yamlDocument;
  }

  private parseFully(): void {
    const document = this.document();
    if (this.tooDeepAt !== undefined) {
      const start = this.tooDeepAt;
      const end = Math.min(start + 1, this.text.length);
      this.problems = [{ start, end, code: "TOO_DEEP", message: PARSE_MESSAGES.TOO_DEEP(MAX_PARSE_NESTING) }];
      this.parsedValue = undefined;
      return;
    }
    // The yaml package may place an error at end of input one past the last character; clamp it so
    // every position stays inside the file.
    const clamp = (offset: number) => Math.min(Math.max(offset, 0), this.text.length);
    const checked = checkDocument(document);
    const problems: SyntaxProblem[] = mergeByStart(
      document.errors.map((error) => ({
        start: error.pos[0],
        end: Math.max(error.pos[1], error.pos[0]),
        code: error.code,
        message: error.message.split("\n")[0] ?? error.code,
      })),
      checked.problems,
    ).map((problem) => ({ ...problem, start: clamp(problem.start), end: clamp(problem.end) }));
    let value: unknown;
    if (checked.valueIsSafe) {
      try {
        // checkDocument bounds what aliases copy; the package's own count (-1: off) would stop a file
        // at its own limit with no position, and scans the whole document for each aliased anchor.
        value = document.toJS({ maxAliasCount: -1 });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        problems.push({ start: 0, end: Math.min(this.text.length, 1), code: "ALIAS_LIMIT", message });
        value = undefined;
      }
    }
    this.problems = problems;
    // Kept even with syntax problems: the yaml package recovers, and a partial value still
    // lets the rest of the workspace resolve this file's ids.
    this.parsedValue = value;
  }

  /** The key and value under `node` at `segment`: a mapping's key (compared as strings) or a sequence's index. */
  private childPair(node: Node | null | undefined, segment: PathSegment): FoundPair | undefined {
    if (isMap(node)) {
      const pair = this.pairOf(node, segment);
      return pair && { key: rangeOf(pair.key as Node), value: pair.value as Node | null };
    }
    if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) return undefined;
      return { key: undefined, value: item };
    }
    return undefined;
  }

  /**
   * The pair of `map` whose scalar key is `segment` (compared as strings); the last one when the key
   * repeats, as in the parsed value. Indexed on first use: one lookup per path segment, not a scan of
   * the mapping (a diagnostic for each of 40,000 keys would otherwise scan 40,000 keys each).
   */
  private pairOf(map: YAMLMap, segment: PathSegment): Pair | undefined {
    let index = this.pairIndex.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        if (isPair(pair) && isScalar(pair.key)) index.set(String(pair.key.value), pair);
      }
      this.pairIndex.set(map, index);
    }
    return index.get(String(segment));
  }
}

interface FoundPair {
  key: Span | undefined;
  value: Node | null | undefined;
}

/** Two lists sorted by start, merged, keeping the first list's order among equal starts. */
function mergeByStart(first: SyntaxProblem[], second: SyntaxProblem[]): SyntaxProblem[] {
  if (second.length === 0) return first;
  const merged: SyntaxProblem[] = [];
  let j = 0;
  for (const problem of first) {
    while (j < second.length && (second[j] as SyntaxProblem).start < problem.start)
      merged.push(second[j++] as SyntaxProblem);
    merged.push(problem);
  }
  while (j < second.length) merged.push(second[j++] as SyntaxProblem);
  return merged;
}

function firstKeySpan(node: Node | null | undefined): Span | undefined {
  if (isMap(node)) {
    const first = node.items[0];
    if (first && isPair(first)) return rangeOf(first.key as Node);
  }
  return rangeOf(node);
}

function rangeOf(node: Node | null | undefined): Span | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return { start: range[0], end: range[1] };
}
