import {
  FORMULA_FUNCTION_DOCS,
  FORMULA_FUNCTIONS,
  formulaCalls,
  type KpiEntry,
  PREVIOUS_FUNCTION,
  type Span,
} from "@kpi-as-code/core";
import {
  type CompletionItem,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type Range,
} from "vscode-languageserver-types";
import { spanContains } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";
import { tab } from "./snippets.js";

// The formula's functions (min, max, abs, previous) for completion and hover, described once in core.

const SNIPPETS: Readonly<Record<keyof typeof FORMULA_FUNCTION_DOCS, string>> = {
  min: `min(${tab(1, "a")}, ${tab(2, "b")})`,
  max: `max(${tab(1, "a")}, ${tab(2, "b")})`,
  abs: `abs(${tab(1, "x")})`,
  previous: `previous(${tab(1, "x")})`,
};

/** The functions a formula may call, after its measures and KPIs. */
export function formulaFunctionItems(range: Range): CompletionItem[] {
  return [...FORMULA_FUNCTIONS, PREVIOUS_FUNCTION].map((name) => ({
    label: name,
    kind: CompletionItemKind.Function,
    detail: "formula function",
    documentation: { kind: MarkupKind.Markdown, value: FORMULA_FUNCTION_DOCS[name] },
    sortText: `2${name}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: SNIPPETS[name] },
  }));
}

/** The function whose name is under the cursor in a KPI file's formula, with its name's span in the file. */
export function formulaFunctionAt(
  state: WorkspaceState,
  file: string,
  offset: number,
): { doc: string; span: Span } | undefined {
  const entry = state.entry(file) as KpiEntry | undefined;
  const formula = entry && "formula" in entry ? entry.formula : undefined;
  if (!entry || !formula?.ok) return undefined;
  for (const call of formulaCalls(formula.ast)) {
    const span = entry.parsed.locateInValue(["formula"], call.nameSpan);
    if (spanContains(span, offset)) return { doc: FORMULA_FUNCTION_DOCS[call.name], span };
  }
  return undefined;
}
