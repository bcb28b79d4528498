import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Scalar } from "yaml";
import { isImpossibleDate } from "./fast-yaml-scalars.js";
import { MAX_PARSE_NESTING } from "./nesting-guard.js";
import { PARSE_MESSAGES, type SyntaxProblem } from "./parse-problems.js";

/**
 * Collections used as keys inside collections used as keys: the yaml package's toJS turns each such
 * key into a string, again at every level, so that its time grows with the cube of the depth (a
 * 2 kB file of `? ? ? ...` ran for minutes). KPI files have no collection keys at all.
 */
export const MAX_KEY_NESTING = 8;
/** Nodes that aliases may copy into the value, and anchors or aliases a file may have. */
export const MAX_ALIAS_NODES = 1000;

export interface DocumentCheck {
  problems: SyntaxProblem[];
  /** False when the document must not be turned into a value (alias cycles, bombs, depth). */
  valueIsSafe: boolean;
}

interface Frame {
  node: unknown;
  depth: number;
  /** How many collections used as keys enclose this node, itself included. */
  keyDepth: number;
  /** "key" for a mapping key: keys are not values, so they are not checked as values. */
  isKey: boolean;
  parent: Frame | undefined;
  /** Nodes in this subtree once aliases are expanded; complete when its exit frame is popped. */
  size: number;
  exit: boolean;
}

/**
 * The checks the `yaml` package does not make, or makes in quadratic time, in one iterative pass
 * over the document in source order (a stack, not recursion: a deep document cannot overflow it):
 * - repeated keys in a mapping (with a Set; the package's `uniqueKeys` compares each key with
 *   every earlier one), reported as the package reports them: DUPLICATE_KEY at the repeated key;
 * - aliases: unresolved, cyclic (`a: &c [*c]`), or copying more than MAX_ALIAS_NODES nodes;
 * - nesting deeper than MAX_PARSE_NESTING, or collection keys nested more than MAX_KEY_NESTING deep;
 * - values that are not finite numbers (NON_FINITE) or date-shaped strings naming no day (BAD_DATE).
 */
export function checkDocument(document: Document.Parsed): DocumentCheck {
  const problems: SyntaxProblem[] = [];
  let valueIsSafe = true;
  const report: Report = (at, code, message) => {
    const [start, end] = isSpan(at) ? [at.start, at.end] : (at.range ?? [0, 0]);
    problems.push({ start, end: Math.max(start, end), code, message });
  };
  const anchors = new Map<string, Node>();
  const anchorSizes = new Map<Node, number>();
  const open = new Set<Node>();
  let copied = 0;
  let aliasesAndAnchors = 0;
  let aliasLimitReported = false;
  let tooDeepReported = false;
  const aliasLimit = (node: Node) => {
    valueIsSafe = false;
    if (aliasLimitReported) return;
    aliasLimitReported = true;
    report(node, "ALIAS_LIMIT", PARSE_MESSAGES.ALIAS_LIMIT(MAX_ALIAS_NODES));
  };

  const root: Frame = {
    node: undefined,
    depth: 0,
    keyDepth: 0,
    isKey: false,
    parent: undefined,
    size: 0,
    exit: true,
  };
  const stack: Frame[] = [frame(document.contents, 1, 0, false, root)];
  while (stack.length > 0) {
    const current = stack.pop() as Frame;
    const node = current.node as Node | null | undefined;
    if (current.exit) {
      if (node && node.anchor !== undefined) {
        anchorSizes.set(node, current.size);
        open.delete(node);
      }
      (current.parent as Frame).size += current.size;
      continue;
    }
    const parent = current.parent as Frame;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      let size = 1;
      if (target === undefined) {
        valueIsSafe = false;
        report(node, "UNRESOLVED_ALIAS", PARSE_MESSAGES.UNRESOLVED_ALIAS(node.source));
      } else if (open.has(target)) {
        valueIsSafe = false;
        report(node, "ALIAS_CYCLE", PARSE_MESSAGES.ALIAS_CYCLE(node.source));
      } else {
        size = anchorSizes.get(target) ?? 1;
        copied += size;
        if (copied > MAX_ALIAS_NODES || ++aliasesAndAnchors > MAX_ALIAS_NODES) aliasLimit(node);
      }
      parent.size += size;
      continue;
    }
    if (!node || (!isMap(node) && !isSeq(node) && !isScalar(node))) {
      parent.size += 1;
      continue;
    }
    if (node.anchor !== undefined) {
      anchors.set(node.anchor, node);
      if (++aliasesAndAnchors > MAX_ALIAS_NODES) aliasLimit(node);
    }
    if (isScalar(node)) {
      if (!current.isKey) checkScalarValue(node, report);
      if (node.anchor !== undefined) anchorSizes.set(node, 1);
      parent.size += 1;
      continue;
    }
    const keyDepth = current.keyDepth + (current.isKey ? 1 : 0);
    if (current.depth > MAX_PARSE_NESTING || keyDepth > MAX_KEY_NESTING) {
      valueIsSafe = false;
      const limit = current.depth > MAX_PARSE_NESTING ? MAX_PARSE_NESTING : MAX_KEY_NESTING;
      if (!tooDeepReported) report(node, "TOO_DEEP", PARSE_MESSAGES.TOO_DEEP(limit));
      tooDeepReported = true;
      continue;
    }
    if (node.anchor !== undefined) open.add(node);
    const exit: Frame = { ...current, keyDepth, size: 1, exit: true };
    stack.push(exit);
    const depth = current.depth + 1;
    if (isMap(node)) {
      reportDuplicateKeys(node.items, report);
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (!isPair(pair)) continue;
        stack.push(frame(pair.value, depth, keyDepth, false, exit));
        stack.push(frame(pair.key, depth, keyDepth, true, exit));
      }
    } else {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        // A pair in a sequence (`!!pairs`, `!!omap`) is walked as a one-pair mapping.
        if (isPair(item)) {
          stack.push(frame(item.value, depth, keyDepth, false, exit));
          stack.push(frame(item.key, depth, keyDepth, true, exit));
        } else stack.push(frame(item, depth, keyDepth, false, exit));
      }
    }
  }
  problems.sort((a, b) => a.start - b.start);
  return { problems, valueIsSafe };
}

function frame(node: unknown, depth: number, keyDepth: number, isKey: boolean, parent: Frame): Frame {
  return { node, depth, keyDepth, isKey, parent, size: 0, exit: false };
}

function isSpan(at: Node | { start: number; end: number }): at is { start: number; end: number } {
  return typeof (at as { start?: unknown }).start === "number";
}

type Report = (at: Node | { start: number; end: number }, code: string, message: string) => void;

/**
 * Keys equal as the yaml package compares them (`uniqueKeys: true`): scalar keys with the same value
 * (`===`, so NaN never repeats). Collection and alias keys are never equal to another key.
 */
function reportDuplicateKeys(pairs: readonly unknown[], report: Report): void {
  if (pairs.length < 2) return;
  const seen = new Set<unknown>();
  for (const pair of pairs) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const value = pair.key.value;
    if (typeof value === "number" && Number.isNaN(value)) continue;
    if (seen.has(value)) {
      const start = pair.key.range?.[0] ?? 0;
      // Where the yaml package puts it: one character at the repeated key's start.
      report({ start, end: start + 1 }, "DUPLICATE_KEY", PARSE_MESSAGES.DUPLICATE_KEY());
    }
    seen.add(value);
  }
}

function checkScalarValue(node: Scalar, report: Report): void {
  const value = node.value;
  if (typeof value === "number" && !Number.isFinite(value)) {
    report(node, "NON_FINITE", PARSE_MESSAGES.NON_FINITE(node.source || String(value)));
  } else if (typeof value === "string" && isImpossibleDate(value)) {
    report(node, "BAD_DATE", PARSE_MESSAGES.BAD_DATE(value));
  }
}
