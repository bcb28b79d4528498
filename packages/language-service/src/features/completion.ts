import { asRecord, fileKind, type SymbolKind } from "@kpi-as-code/core";
import {
  type CompletionItem,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type Position,
  type Range,
} from "vscode-languageserver-types";
import { type CompletionContext, completionContext } from "../cursor/completion-context.js";
import { referenceKindAt } from "../cursor/reference-kind.js";
import { type FileKind, type SchemaNode, schemaAt } from "../cursor/schema-at.js";
import { toOffset, toRange } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";
import { describeSymbol } from "./describe-symbol.js";
import { formulaFunctionItems } from "./formula-functions.js";
import { measureSnippet, newKpiSnippet, targetSnippet } from "./snippets.js";

/** Completions at the cursor: schema keys and enum values, ids where ids belong, snippets. */
export function complete(state: WorkspaceState, file: string, position: Position): CompletionItem[] {
  const kind = fileKind(file);
  const parsed = state.parsed(file);
  if (!kind || !parsed) return [];
  const offset = toOffset(parsed, position);
  if (kind === "kpi" && parsed.text.trim() === "") return [newKpiItem(state, file)];
  const context = completionContext(parsed.text, offset);
  const range = toRange(parsed, { start: context.wordStart, end: context.wordEnd });
  // A bare sequence item (`- |`) is a value when the sequence holds ids (a funnel's steps).
  const item = typeof context.path.at(-1) === "number" && referenceKindAt(kind, context.path) !== undefined;
  return context.position === "key" && !item
    ? keyItems(kind, context, range)
    : valueItems(state, file, kind, context, range);
}

function keyItems(kind: FileKind, context: CompletionContext, range: Range): CompletionItem[] {
  const schema = schemaAt(kind, context.path);
  const items: CompletionItem[] = Object.entries(schema?.properties ?? {})
    .filter(([key]) => !context.siblings.includes(key))
    .map(([key, node]) => ({
      label: key,
      kind: CompletionItemKind.Property,
      ...documentation(node),
      ...(schema?.required?.includes(key) ? { detail: "required" } : {}),
      textEdit: { range, newText: `${key}: ` },
    }));
  if (kind === "kpi" && context.path.length === 0 && !context.siblings.includes("target")) {
    items.push(
      snippetItem("target block", "A target: baseline, short term, mid term", targetSnippet(), range),
    );
  }
  if (kind === "kpi" && context.path.length === 1 && context.path[0] === "measures") {
    items.push(snippetItem("measure", "A structured measure", measureSnippet(), range));
  }
  return items;
}

function valueItems(
  state: WorkspaceState,
  file: string,
  kind: FileKind,
  context: CompletionContext,
  range: Range,
): CompletionItem[] {
  const [first, measure, field] = context.path;
  if (kind === "kpi" && first === "measures" && field === "from" && context.path.length === 3)
    return tableItems(state, file, String(measure), range);
  const reference = referenceKindAt(kind, context.path);
  if (reference === "formula") return formulaItems(state, file, range);
  if (reference) return idItems(state, reference, idsOf(state, reference), range);
  const schema = schemaAt(kind, context.path);
  const values = schema?.enum ?? (schema?.type === "boolean" ? [true, false] : []);
  return values.map((value) => ({
    label: String(value),
    kind: CompletionItemKind.EnumMember,
    ...documentation(schema),
    textEdit: { range, newText: String(value) },
  }));
}

function idsOf(state: WorkspaceState, kind: SymbolKind): string[] {
  const { workspace } = state;
  if (kind === "goal") return Object.keys(workspace.goals);
  if (kind === "owner") return Object.keys(workspace.owners);
  if (kind === "source") return Object.keys(workspace.sources);
  if (kind === "kpi") return workspace.kpis.flatMap((entry) => (entry.id === undefined ? [] : [entry.id]));
  return [];
}

function idItems(state: WorkspaceState, kind: SymbolKind, ids: string[], range: Range): CompletionItem[] {
  const now = new Date();
  return ids.map((id) => {
    const description = describeSymbol(state, kind, id, undefined, now);
    return {
      label: id,
      kind: kind === "kpi" ? CompletionItemKind.Function : CompletionItemKind.Reference,
      detail: kind,
      ...(description ? { documentation: { kind: MarkupKind.Markdown, value: description } } : {}),
      textEdit: { range, newText: id },
    };
  });
}

/**
 * A measure's `from`: the views of its source (hover shows their SQL) and the tables it declares
 * (`tables:` of a DuckDB source); a database's own tables are not known without connecting.
 */
function tableItems(state: WorkspaceState, file: string, measure: string, range: Range): CompletionItem[] {
  const measures = asRecord(asRecord(state.entry(file)?.parsed.value).measures);
  const source = asRecord(measures[measure]).source;
  const sources = Object.entries(state.workspace.sources).filter(
    ([id]) => typeof source !== "string" || id === source,
  );
  const now = new Date();
  return sources.flatMap(([sourceId, config]) => {
    const fields = asRecord(config);
    const views = Object.keys(asRecord(fields.views)).map((id): CompletionItem => {
      const description = describeSymbol(state, "view", id, sourceId, now);
      return {
        label: id,
        kind: CompletionItemKind.Interface,
        detail: `view of ${sourceId}`,
        ...(description ? { documentation: { kind: MarkupKind.Markdown, value: description } } : {}),
        textEdit: { range, newText: id },
      };
    });
    const tables = Object.entries(asRecord(fields.tables)).map(
      ([id, path]): CompletionItem => ({
        label: id,
        kind: CompletionItemKind.Struct,
        detail: `table of ${sourceId}${typeof path === "string" ? ` (${path})` : ""}`,
        textEdit: { range, newText: id },
      }),
    );
    return [...views, ...tables];
  });
}

/** In a formula: this KPI's measures first, then every other KPI (a formula may build on KPIs), then the functions. */
function formulaItems(state: WorkspaceState, file: string, range: Range): CompletionItem[] {
  const entry = state.entry(file);
  const data = asRecord(entry?.parsed.value);
  const ownId = typeof data.kpi === "string" ? data.kpi : undefined;
  const measures = Object.keys(asRecord(data.measures)).map((id) => ({
    label: id,
    kind: CompletionItemKind.Variable,
    detail: "measure",
    sortText: `0${id}`,
    textEdit: { range, newText: id },
  }));
  const kpiIds = state.workspace.kpis.flatMap((kpi) => (kpi.id && kpi.id !== ownId ? [kpi.id] : []));
  const kpis = idItems(state, "kpi", [...new Set(kpiIds)], range).map((item) => ({
    ...item,
    sortText: `1${item.label}`,
  }));
  return [...measures, ...kpis, ...formulaFunctionItems(range)];
}

function newKpiItem(state: WorkspaceState, file: string): CompletionItem {
  const id = (file.split("/").pop() ?? "").replace(/\.kpi\.ya?ml$/, "");
  const { workspace } = state;
  const snippet = newKpiSnippet(id, Object.keys(workspace.owners), Object.keys(workspace.goals));
  return {
    label: "new KPI",
    kind: CompletionItemKind.Snippet,
    detail: "Every required field of a KPI file",
    insertTextFormat: InsertTextFormat.Snippet,
    insertText: snippet,
  };
}

function snippetItem(label: string, detail: string, snippet: string, range: Range): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: snippet },
  };
}

function documentation(node: SchemaNode | undefined): Pick<CompletionItem, "documentation"> {
  return node?.description ? { documentation: { kind: MarkupKind.Markdown, value: node.description } } : {};
}
