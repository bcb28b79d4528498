import { parseFlowCollection } from "./fast-yaml-flow.js";
import { childPath, FastPositions } from "./fast-yaml-positions.js";
import {
  BAIL,
  Bail,
  checkedValue,
  isBlankOrComment,
  type Line,
  plainValue,
  plainValueLength,
  quotedScalar,
  splitKey,
} from "./fast-yaml-scalars.js";

/**
 * A parser for the subset of YAML that KPI files are written in: block mappings and sequences,
 * one-line flow `{}`/`[]` of scalars, plain and quoted scalars, `|`/`>` block scalars, comments.
 * It returns exactly what the `yaml` package (YAML 1.2 core schema) returns for the same text,
 * or `undefined` for anything outside the subset (anchors, tags, multi-line plain scalars,
 * duplicate keys, tabs, odd indentation...), so that the full parser handles it and reports
 * errors with positions. About ten times faster than `yaml`: it never builds a node tree.
 *
 * Whitespace is YAML's, not JavaScript's: only the space separates and is trimmed (tabs are
 * outside the subset); U+00A0, U+3000 and the other Unicode spaces are content, as in YAML.
 * Lines end with LF or CRLF (a lone CR is outside the subset); a BOM may open the text.
 */
export function parseYamlFast(text: string): unknown {
  return parseInSubset(text, undefined);
}

/**
 * Where each key and inline value of a text in the subset is written (see FastPositions), or
 * undefined for a text outside it. A second run of the parser, for files that have diagnostics.
 */
export function fastYamlPositions(text: string): FastPositions | undefined {
  const positions = new FastPositions();
  return parseInSubset(text, positions) === undefined ? undefined : positions;
}

function parseInSubset(text: string, positions: FastPositions | undefined): unknown {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  if (OUTSIDE_SUBSET.test(body)) return undefined;
  if (body.includes("\r") && LONE_CR.test(body)) return undefined;
  try {
    return new BlockParser(body, bom, positions).parseDocument();
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
}

/**
 * Characters the subset never needs: tabs, control characters but LF and CR, NEL, a BOM past the
 * start, the line and paragraph separators, astral planes.
 */
const OUTSIDE_SUBSET = /[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;
/** A CR that does not end a CRLF line break. */
const LONE_CR = /\r(?!\n)/;
/** Directives and document markers (`%YAML`, `---`, `...`) at a line's start. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.|%)/;

class BlockParser {
  private index = 0;
  private readonly lines: Line[];

  constructor(
    text: string,
    /** Where `text` starts in the file (1 after a BOM): recorded spans are offsets in the file. */
    base: number,
    private readonly positions: FastPositions | undefined,
  ) {
    // One substring per line, taken after its indentation (cheaper than split + slice).
    this.lines = [];
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      // CRLF ends a line as LF does (a lone CR never reaches here).
      const end =
        newline > start && text.charCodeAt(newline - 1) === 13
          ? newline - 1
          : newline < 0
            ? text.length
            : newline;
      let contentStart = start;
      while (contentStart < end && text.charCodeAt(contentStart) === 32) contentStart++;
      const content = text.slice(contentStart, end);
      if (contentStart === start && DOCUMENT_MARKER.test(content)) Bail();
      this.lines.push({ indent: contentStart - start, content, offset: base + contentStart });
      if (newline < 0) break;
      start = newline + 1;
    }
  }

  parseDocument(): unknown {
    const first = this.nextContentLine();
    if (first?.indent !== 0) return Bail();
    const value = this.parseMapping(0, "");
    if (this.nextContentLine()) return Bail();
    return value;
  }

  /** The next line that is neither blank nor a comment, skipping those; undefined at the end. */
  private nextContentLine(): Line | undefined {
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as Line;
      if (!isBlankOrComment(line.content)) return line;
      this.index++;
    }
    return undefined;
  }

  private parseMapping(indent: number, path: string): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (;;) {
      const line = this.nextContentLine();
      if (!line || line.indent < indent) return map;
      if (line.indent > indent) return Bail();
      const split = splitKey(line.content);
      if (!split) return Bail();
      if (Object.hasOwn(map, split.key)) return Bail();
      this.index++;
      const keyPath = this.positions ? childPath(path, split.key) : "";
      if (this.positions) {
        const first = line.content.charCodeAt(0);
        const quoted = first === 34 /* " */ || first === 39; /* ' */
        const length = quoted ? quotedScalar(line.content, 0).end : split.key.length;
        this.positions.record(keyPath, { key: { start: line.offset, end: line.offset + length } });
      }
      const restOffset = line.offset + line.content.length - split.rest.length;
      map[split.key] = isBlankOrComment(split.rest)
        ? this.parseNestedBlock(indent, true, keyPath)
        : this.parseInlineValue(split.rest, indent, restOffset, keyPath);
    }
  }

  private parseSequence(indent: number, path: string): unknown[] {
    const items: unknown[] = [];
    for (;;) {
      const line = this.nextContentLine();
      if (!line || line.indent < indent) return items;
      if (line.indent > indent) return Bail();
      const content = line.content;
      if (content !== "-" && !content.startsWith("- ")) return items;
      let offset = 1;
      while (content.charCodeAt(offset) === 32) offset++;
      const rest = content.slice(offset);
      const itemPath = this.positions ? childPath(path, items.length) : "";
      this.positions?.record(itemPath, {});
      if (isBlankOrComment(rest)) {
        this.index++;
        items.push(this.parseNestedBlock(indent, false, itemPath));
      } else if (rest === "-" || rest.startsWith("- ")) {
        return Bail();
      } else if (splitKey(rest)) {
        // A compact mapping: `- key: value` continues with keys aligned under `key`.
        this.lines[this.index] = { indent: indent + offset, content: rest, offset: line.offset + offset };
        items.push(this.parseMapping(indent + offset, itemPath));
      } else {
        this.index++;
        items.push(this.parseInlineValue(rest, indent, line.offset + offset, itemPath));
      }
    }
  }

  /** The value of a `key:` or `-` with nothing after it: a nested block, or null. */
  private parseNestedBlock(parentIndent: number, sequenceMayAlign: boolean, path: string): unknown {
    const line = this.nextContentLine();
    if (!line) return null;
    const isSequence = line.content === "-" || line.content.startsWith("- ");
    if (line.indent > parentIndent) {
      return isSequence ? this.parseSequence(line.indent, path) : this.parseMapping(line.indent, path);
    }
    // `key:` followed by `- item` at the key's own indentation is a sequence value in YAML.
    if (line.indent === parentIndent && isSequence && sequenceMayAlign)
      return this.parseSequence(line.indent, path);
    return null;
  }

  /**
   * A value written on the same line as its key or dash; `text` is not blank and starts at `offset`
   * in the file. Its span is recorded at `path` (block scalars' spans are left to the yaml tree).
   */
  private parseInlineValue(text: string, parentIndent: number, offset: number, path: string): unknown {
    const first = text.charCodeAt(0);
    if (first === 124 /* | */ || first === 62 /* > */) return this.parseBlockScalar(text, parentIndent);
    let value: unknown;
    let end: number;
    if (first === 91 /* [ */ || first === 123 /* { */) {
      const flow = parseFlowCollection(
        text,
        0,
        this.positions && { positions: this.positions, path, offset },
      );
      ({ value, end } = flow);
      if (!isBlankOrComment(text.slice(end)) || (end < text.length && text.charCodeAt(end) !== 32))
        return Bail();
    } else if (first === 34 /* " */ || first === 39 /* ' */) {
      const quoted = quotedScalar(text, 0);
      end = quoted.end;
      const after = text.slice(end);
      if (after !== "" && !(after.charCodeAt(0) === 32 && isBlankOrComment(after))) return Bail();
      value = checkedValue(quoted.value);
    } else {
      value = checkedValue(plainValue(text));
      end = this.positions ? plainValueLength(text) : 0;
    }
    // The key or item at `path` was recorded just before its value was read.
    const spans = this.positions?.get(path);
    if (spans) spans.value = { start: offset, end: offset + end };
    return value;
  }

  private parseBlockScalar(header: string, parentIndent: number): string {
    const match = /^([|>])(-?)( +#.*| *)$/.exec(header);
    if (!match) return Bail();
    const folded = match[1] === ">";
    const keepNoNewline = match[2] === "-";
    const first = this.lines[this.index];
    if (!first || first.content === "" || first.indent <= parentIndent) return Bail();
    const contentIndent = first.indent;
    const body: string[] = [];
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as Line;
      if (line.content === "") {
        if (line.indent > 0) return Bail(); // whitespace-only lines: leave their meaning to `yaml`
        body.push("");
      } else if (line.indent < contentIndent) {
        break;
      } else {
        if (folded && line.indent > contentIndent) return Bail();
        body.push(" ".repeat(line.indent - contentIndent) + line.content);
      }
      this.index++;
    }
    while (body.length > 0 && body[body.length - 1] === "") body.pop();
    const text = folded ? foldLines(body) : body.join("\n");
    return checkedValue(keepNoNewline ? text : `${text}\n`);
  }
}

/** YAML folding of same-indented lines: one line break becomes a space, n empty lines become n breaks. */
function foldLines(lines: readonly string[]): string {
  let out = "";
  let emptyRun = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === "") {
      emptyRun++;
      continue;
    }
    if (i > 0) out += emptyRun > 0 ? "\n".repeat(emptyRun) : " ";
    emptyRun = 0;
    out += line;
  }
  return out;
}
