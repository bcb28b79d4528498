import type { Path, PathSegment } from "@kpi-as-code/core";

export interface CompletionContext {
  /** For a key: the mapping it goes into. For a value: the key's own path. */
  path: Path;
  position: "key" | "value";
  /** Offsets of the word being typed, which a completion replaces. */
  wordStart: number;
  wordEnd: number;
  /** Keys already written in the mapping (block style, same indentation), not offered again. */
  siblings: string[];
}

interface Frame {
  column: number;
  segment: PathSegment;
  dash: boolean;
}

const KEY_LINE = /^(\s*)((?:-\s+)*)([A-Za-z_][\w-]*)\s*:(?:\s|$)/;
const WORD = /[\w.]*$/;

/**
 * Where the cursor sits in a possibly incomplete YAML file, read from indentation, as editors must:
 * half-typed text rarely parses into the tree the finished file will have. Understands block
 * mappings, `- ` sequence items and a one-line flow mapping `{ a: 1, b| }` on the cursor's line.
 */
export function completionContext(text: string, offset: number): CompletionContext {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const lineEndIndex = text.indexOf("\n", offset);
  const after = text.slice(offset, lineEndIndex === -1 ? text.length : lineEndIndex);
  const wordStart = offset - (WORD.exec(before)?.[0].length ?? 0);
  const wordEnd = offset + (/^[\w.]*/.exec(after)?.[0].length ?? 0);
  const lead = /^(\s*)((?:-\s*)*)/.exec(before)?.[0] ?? "";
  const ownFrames = dashFrames(before, 0);
  const rest = before.slice(lead.length);
  const flow = flowContext(rest);
  const keyValue = /^([A-Za-z_][\w-]*)\s*:\s+(?!.*[{[])/.exec(rest);
  const itemColumn = ownFrames[0]?.column ?? lead.length;
  const ancestors = [...ancestorsAbove(text, lineStart, itemColumn, ownFrames.length > 0), ...ownFrames];
  const base = ancestors.map((frame) => frame.segment);
  const siblings = flow ? flow.siblings : siblingKeys(text, lineStart, lead.length);
  if (flow) {
    const path = [...base, ...flow.parents];
    return flow.key
      ? { path: [...path, flow.key], position: "value", wordStart, wordEnd, siblings }
      : { path, position: "key", wordStart, wordEnd, siblings };
  }
  if (keyValue?.[1]) {
    return { path: [...base, keyValue[1]], position: "value", wordStart, wordEnd, siblings };
  }
  return { path: base, position: "key", wordStart, wordEnd, siblings };
}

/** `- ` markers at the start of a line: each opens a sequence item (index 0 stands for any item). */
function dashFrames(line: string, from: number): Frame[] {
  const frames: Frame[] = [];
  const pattern = /-\s+|-$/y;
  pattern.lastIndex = from + (/^\s*/.exec(line.slice(from))?.[0].length ?? 0);
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    frames.push({ column: match.index, segment: 0, dash: true });
  }
  return frames;
}

/** The keys and sequence items above the cursor's line that enclose a node at `column`. */
function ancestorsAbove(text: string, lineStart: number, column: number, inDash: boolean): Frame[] {
  const frames: Frame[] = [];
  let bound = column;
  let boundIsDash = inDash;
  let end = lineStart - 1;
  while (end > 0 && (bound > 0 || boundIsDash)) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (/^\s*(#|$)/.test(line)) continue;
    for (const frame of lineFrames(line).reverse()) {
      const encloses = frame.column < bound || (boundIsDash && !frame.dash && frame.column === bound);
      if (!encloses) continue;
      frames.unshift(frame);
      bound = frame.column;
      boundIsDash = frame.dash;
    }
    if (start === 0) break;
  }
  return frames;
}

function lineFrames(line: string): Frame[] {
  const frames = dashFrames(line, 0);
  const match = KEY_LINE.exec(line);
  if (match?.[3]) {
    frames.push({
      column: (match[1]?.length ?? 0) + (match[2]?.length ?? 0),
      segment: match[3],
      dash: false,
    });
  }
  return frames;
}

/** Keys at the same indentation in the same block as the cursor's line. */
function siblingKeys(text: string, lineStart: number, column: number): string[] {
  const keys: string[] = [];
  const lines = text.split("\n");
  const cursorLine = text.slice(0, lineStart).split("\n").length - 1;
  const collect = (step: number) => {
    for (let index = cursorLine + step; index >= 0 && index < lines.length; index += step) {
      const line = lines[index] ?? "";
      if (/^\s*(#|$)/.test(line)) continue;
      const indent = /^\s*/.exec(line)?.[0].length ?? 0;
      if (indent < column || (indent === column && /^\s*-/.test(line))) break;
      const match = KEY_LINE.exec(line);
      if (indent === column && match?.[3]) keys.push(match[3]);
    }
  };
  collect(-1);
  collect(1);
  return keys;
}

interface FlowContext {
  parents: string[];
  key: string | undefined;
  siblings: string[];
}

/** Inside `{ ... }` on this line: the keys that open each brace, and the key whose value is typed. */
function flowContext(rest: string): FlowContext | undefined {
  if (!rest.includes("{")) return undefined;
  const parents: string[] = [];
  let siblings: string[] = [];
  let pending = /^([A-Za-z_][\w-]*)\s*:/.exec(rest)?.[1];
  let token = "";
  let key: string | undefined;
  for (const char of rest.slice(pending ? rest.indexOf(":") + 1 : 0)) {
    if (char === "{") {
      if (pending) parents.push(pending);
      pending = undefined;
      key = undefined;
      siblings = [];
      token = "";
    } else if (char === "}") {
      parents.pop();
      key = undefined;
      token = "";
    } else if (char === ",") {
      key = undefined;
      token = "";
    } else if (char === ":") {
      key = token.trim();
      siblings.push(key);
      pending = key;
      token = "";
    } else token += char;
  }
  if (parents.length === 0) return undefined;
  return { parents, key, siblings: siblings.filter((sibling) => sibling !== key) };
}
