import { type Document, isMap, isPair, isScalar, isSeq, type Node, parseDocument, Scalar } from "yaml";
import { parseYamlFast } from "../fast/fast-yaml.js";
import { LineIndex } from "./line-index.js";

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/** A half-open range of offsets into a file's text. */
export interface Span {
  start: number;
  end: number;
}

export interface SyntaxProblem extends Span {
  code: string;
  message: string;
}

/** Aliases may expand to at most this many nodes: a billion-laughs document is refused, not expanded. */
const MAX_ALIAS_COUNT = 100;

/**
 * One YAML file: its JS value, its syntax problems, and source positions for any path in it.
 * The position tree (the `yaml` package's Document) is built only when a position is asked for,
 * so files that produce no diagnostics can take a faster parse (see `fastValue`).
 */
export class ParsedFile {
  private yamlDocument: Document.Parsed | undefined;
  private lineIndex: LineIndex | undefined;
  private parsedValue: unknown;
  private problems: SyntaxProblem[] | undefined;
  private fastSubset: boolean | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    fastValue?: unknown,
  ) {
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
    const document = this.document();
    let node: Node | null | undefined = document.contents;
    // A missing top-level field has no parent key: point at the file's first key.
    if (path.length === 0 && target === "key") return firstKeySpan(node) ?? { start: 0, end: 0 };
    let keySpan: Span | undefined;
    for (const segment of path) {
      const pair = childPair(node, segment);
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
      const pair = childPair(node, segment);
      if (!pair) return undefined;
      node = pair.value;
    }
    return node;
  }

  private document(): Document.Parsed {
    // logLevel "error": the yaml package would otherwise print warnings (e.g. a mapping used as a key)
    // straight to the process's stderr, where the CLI and the language server have no use for them.
    this.yamlDocument ??= parseDocument(this.text, {
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
      logLevel: "error",
    });
    return this.yamlDocument;
  }

  private parseFully(): void {
    const document = this.document();
    // The yaml package may place an error at end of input one past the last character; clamp it so
    // every position stays inside the file.
    const clamp = (offset: number) => Math.min(Math.max(offset, 0), this.text.length);
    const problems: SyntaxProblem[] = document.errors.map((error) => ({
      start: clamp(error.pos[0]),
      end: clamp(Math.max(error.pos[1], error.pos[0])),
      code: error.code,
      message: error.message.split("\n")[0] ?? error.code,
    }));
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push({ start: 0, end: Math.min(this.text.length, 1), code: "ALIAS_LIMIT", message });
      value = undefined;
    }
    this.problems = problems;
    // Kept even with syntax problems: the yaml package recovers, and a partial value still
    // lets the rest of the workspace resolve this file's ids.
    this.parsedValue = value;
  }
}

interface FoundPair {
  key: Span | undefined;
  value: Node | null | undefined;
}

function childPair(node: Node | null | undefined, segment: PathSegment): FoundPair | undefined {
  if (isMap(node)) {
    // The last pair wins, as it does in the parsed value when a key is duplicated.
    for (let i = node.items.length - 1; i >= 0; i--) {
      const pair = node.items[i];
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (key === segment || String(key) === String(segment)) {
        return { key: rangeOf(pair.key as Node), value: pair.value as Node | null };
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof segment === "number") {
    const item = node.items[segment] as Node | undefined;
    if (item === undefined) return undefined;
    return { key: undefined, value: item };
  }
  return undefined;
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
