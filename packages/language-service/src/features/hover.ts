import { fileKind } from "@kpi-as-code/core";
import { type Hover, MarkupKind, type Position } from "vscode-languageserver-types";
import { pathAt } from "../cursor/path-at.js";
import { schemaAt } from "../cursor/schema-at.js";
import { symbolAt } from "../cursor/symbol-at.js";
import { toOffset, toRange } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";
import { describeSymbol } from "./describe-symbol.js";
import { formulaFunctionAt } from "./formula-functions.js";

/**
 * On an id: what it names (a goal's statement, an owner's name, a source's type, a KPI's latest value,
 * status, target and recent values). On a formula's function: what it does. Elsewhere: the field's
 * documentation from the JSON Schema.
 */
export function hover(
  state: WorkspaceState,
  file: string,
  position: Position,
  now: Date = new Date(),
): Hover | undefined {
  const kind = fileKind(file);
  const parsed = state.parsed(file);
  if (!kind || !parsed) return undefined;
  const offset = toOffset(parsed, position);
  const located = symbolAt(state, file, offset);
  if (located) {
    const { kind: symbolKind, id, scope } = located.symbol;
    const text = describeSymbol(state, symbolKind, id, scope, now) ?? `Unknown ${symbolKind} \`${id}\``;
    return { contents: { kind: MarkupKind.Markdown, value: text }, range: toRange(parsed, located.span) };
  }
  const call = formulaFunctionAt(state, file, offset);
  if (call)
    return { contents: { kind: MarkupKind.Markdown, value: call.doc }, range: toRange(parsed, call.span) };
  const at = pathAt(parsed, offset);
  if (!at) return undefined;
  const schema = schemaAt(kind, at.path);
  if (!schema?.description) return undefined;
  const name = at.path.filter((segment) => typeof segment === "string").join(".");
  const values = schema.enum
    ? `\n\nOne of: ${schema.enum.map((value) => `\`${String(value)}\``).join(", ")}`
    : "";
  return {
    contents: { kind: MarkupKind.Markdown, value: `**${name}**\n\n${schema.description}${values}` },
    range: toRange(parsed, parsed.locate(at.path, at.target)),
  };
}
