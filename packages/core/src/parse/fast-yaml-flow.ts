import { childPath, type FastPositions } from "./fast-yaml-positions.js";
import {
  Bail,
  checkedKey,
  checkedPlainKey,
  checkedValue,
  quotedScalar,
  resolvePlainScalar,
  skipSpaces,
  trimSpacesEnd,
} from "./fast-yaml-scalars.js";

/** Where to record the spans of a flow collection's entries: its path, and the file offset of `text`. */
export interface FlowRecording {
  positions: FastPositions;
  path: string;
  offset: number;
}

/** A one-line flow collection of scalars (`[a, b]`, `{ k: v }`) starting at `start`. */
export function parseFlowCollection(
  text: string,
  start: number,
  recording?: FlowRecording,
): { value: unknown; end: number } {
  return text[start] === "[" ? flowSequence(text, start, recording) : flowMapping(text, start, recording);
}

function flowSequence(
  text: string,
  start: number,
  recording?: FlowRecording,
): { value: unknown[]; end: number } {
  const items: unknown[] = [];
  let i = skipSpaces(text, start + 1);
  if (text[i] === "]") return { value: items, end: i + 1 };
  for (;;) {
    const item = flowScalar(text, i);
    if (recording) {
      const { positions, path, offset } = recording;
      positions.record(childPath(path, items.length), {
        value: { start: offset + i, end: offset + item.end },
      });
    }
    items.push(item.value);
    i = skipSpaces(text, item.end);
    const ch = text[i];
    if (ch === "]") return { value: items, end: i + 1 };
    if (ch !== ",") return Bail();
    i = skipSpaces(text, i + 1);
    if (text[i] === "]") return Bail(); // a trailing comma: valid YAML, but left to `yaml`
  }
}

function flowMapping(
  text: string,
  start: number,
  recording?: FlowRecording,
): { value: Record<string, unknown>; end: number } {
  const map: Record<string, unknown> = {};
  let i = skipSpaces(text, start + 1);
  if (text[i] === "}") return { value: map, end: i + 1 };
  for (;;) {
    const quoted = text[i] === '"' || text[i] === "'";
    const key = flowScalar(text, i);
    const name = quoted ? checkedKey(key.value as string) : checkedPlainKey(key.source);
    if (text[key.end] !== ":" || text[key.end + 1] !== " ") return Bail();
    if (Object.hasOwn(map, name)) return Bail();
    const valueStart = skipSpaces(text, key.end + 1);
    const value = flowScalar(text, valueStart);
    if (recording) {
      const { positions, path, offset } = recording;
      positions.record(childPath(path, name), {
        key: { start: offset + i, end: offset + key.end },
        value: { start: offset + valueStart, end: offset + value.end },
      });
    }
    map[name] = value.value;
    i = skipSpaces(text, value.end);
    const ch = text[i];
    if (ch === "}") return { value: map, end: i + 1 };
    if (ch !== ",") return Bail();
    i = skipSpaces(text, i + 1);
    if (text[i] === "}") return Bail();
  }
}

/** A quoted or plain scalar inside a flow collection; plain ones stop before `,[]{}:#`. */
function flowScalar(text: string, start: number): { value: unknown; source: string; end: number } {
  const first = text[start];
  if (first === undefined) return Bail();
  if (first === '"' || first === "'") {
    const { value, end } = quotedScalar(text, start);
    return { value: checkedValue(value), source: text.slice(start, end), end };
  }
  if (",[]{}#&*!|>%@`?:".includes(first)) return Bail();
  const second = text.charCodeAt(start + 1);
  if (first === "-" && (Number.isNaN(second) || second === 32 || isFlowStop(second))) return Bail();
  let i = start;
  while (i < text.length && !isFlowStop(text.charCodeAt(i))) i++;
  const source = trimSpacesEnd(text.slice(start, i));
  if (source === "" || text[i] === "#" || text[i] === "[" || text[i] === "{") return Bail();
  return { value: checkedValue(resolvePlainScalar(source)), source, end: start + source.length };
}

/** `,` `[` `]` `{` `}` `:` `#`: where a plain scalar in a flow collection ends (or the subset gives up). */
function isFlowStop(code: number): boolean {
  return (
    code === 44 || code === 91 || code === 93 || code === 123 || code === 125 || code === 58 || code === 35
  );
}
