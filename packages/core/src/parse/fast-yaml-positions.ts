import type { Span } from "./parse-problems.js";

export type PathSegment = string | number;

/** Where a key and its value are written, for the paths of a text in the fast parser's subset. */
export interface FastSpans {
  /** The key as written (quotes included); absent for a sequence item. */
  key?: Span;
  /** The value, when it is a scalar or flow collection written on the key's line (quotes included). */
  value?: Span;
}

/**
 * Spans by path, recorded by the fast parser in a second run over a text that is known to lie in
 * its subset: a diagnostic's position without the yaml package's position tree. Paths are encoded
 * one segment after another: `.key` for a mapping key, `#3` for a sequence index.
 */
export class FastPositions {
  private readonly spans = new Map<string, FastSpans>();

  record(path: string, spans: FastSpans): void {
    this.spans.set(path, spans);
  }

  /** The spans recorded at an encoded path (see childPath). */
  get(path: string): FastSpans | undefined {
    return this.spans.get(path);
  }

  /**
   * The spans at `path`, or undefined when it is not recorded. A number names a sequence item or
   * a mapping key spelled with digits, as in ParsedFile.locate (keys are compared as strings).
   */
  at(path: readonly PathSegment[]): FastSpans | undefined {
    let encoded = "";
    for (const segment of path) {
      const asKey = childPath(encoded, String(segment));
      if (typeof segment === "number") {
        const asIndex = childPath(encoded, segment);
        encoded = this.spans.has(asIndex) ? asIndex : asKey;
      } else encoded = asKey;
      if (!this.spans.has(encoded)) return undefined;
    }
    return this.spans.get(encoded);
  }
}

/** The path of a mapping key (a string) or a sequence item (a number) under `parent`. */
export function childPath(parent: string, segment: string | number): string {
  return typeof segment === "number" ? `${parent}\u0000#${segment}` : `${parent}\u0000.${segment}`;
}
