import { asRecord, closestMatch, type KpiFile, PROJECT_FILE, type SymbolRef } from "@kpi-as-code/core";
import { CodeActionKind, type Range } from "vscode-languageserver-types";
import { symbolSpan } from "../cursor/symbol-at.js";
import { toOffset, toRange } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";
import { appendBlock, insertIntoMapping } from "./insert-yaml.js";
import type { FileEdits } from "./locations.js";
import { idSpan } from "./navigation.js";
import { actionPlanSnippetText, targetSkeletonText } from "./skeletons.js";

export interface FileCodeAction {
  title: string;
  kind: string;
  edits: FileEdits;
  isPreferred?: boolean;
  /** Rule ids of the diagnostics in the request this action fixes. */
  fixes?: string[];
}

/**
 * Fixes for what lies in `range`: did-you-mean for unknown ids, creating a missing goal or owner,
 * target and action-plan skeletons, a version bump, swapping inverted thresholds. Computed from the
 * model, not from diagnostic messages; `rules` (the diagnostics' codes in the request) only rank them.
 */
export function codeActions(
  state: WorkspaceState,
  file: string,
  range: Range,
  rules: readonly string[] = [],
): FileCodeAction[] {
  const parsed = state.parsed(file);
  if (!parsed) return [];
  const from = toOffset(parsed, range.start);
  const to = toOffset(parsed, range.end);
  const actions: FileCodeAction[] = [];
  for (const symbol of state.workspace.symbolsIn(file)) {
    const span = symbolSpan(state, symbol);
    if (!span || span.end < from || span.start > to) continue;
    actions.push(...unknownIdFixes(state, symbol, span));
  }
  const entry = state.entry(file);
  if (entry && "formula" in entry) actions.push(...kpiFileFixes(state, file, from, to, rules));
  return actions;
}

function unknownIdFixes(state: WorkspaceState, symbol: SymbolRef, span: { start: number; end: number }) {
  const { workspace } = state;
  if (workspace.definitions(symbol.kind, symbol.id, symbol.scope).length > 0) return [];
  // A `from` that is no view is a table of the database: nothing to fix.
  if (symbol.kind === "measure" || symbol.kind === "view") return [];
  const candidates =
    symbol.kind === "kpi"
      ? [
          ...Object.keys(
            asRecord(workspace.kpis.find((k) => k.file === symbol.location.file)?.data.measures),
          ),
          ...workspace.kpis.flatMap((kpi) => (kpi.id ? [kpi.id] : [])),
        ]
      : Object.keys(asRecord(workspace.project?.data[`${symbol.kind}s`]));
  const actions: FileCodeAction[] = [];
  const file = symbol.location.file;
  const parsed = state.parsed(file);
  const exact = idSpan(state, symbol, span);
  const suggestion = closestMatch(symbol.id, candidates);
  if (suggestion && parsed && exact) {
    actions.push({
      title: `Change to \`${suggestion}\``,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      edits: { [file]: [{ range: toRange(parsed, exact), newText: suggestion }] },
    });
  }
  if (symbol.kind === "goal" || symbol.kind === "owner") {
    const created = createInProject(state, symbol.kind, symbol.id);
    if (created) actions.push(created);
  }
  return actions;
}

function createInProject(
  state: WorkspaceState,
  kind: "goal" | "owner",
  id: string,
): FileCodeAction | undefined {
  const parsed = state.parsed(PROJECT_FILE);
  if (!parsed) return undefined;
  const body: Record<string, string> =
    kind === "goal" ? { statement: "TODO: the objective in one sentence" } : { name: id };
  const edit = insertIntoMapping(parsed, `${kind}s`, id, body);
  if (!edit) return undefined;
  return {
    title: `Create ${kind} \`${id}\` in ${PROJECT_FILE}`,
    kind: CodeActionKind.QuickFix,
    edits: { [PROJECT_FILE]: [edit] },
  };
}

function kpiFileFixes(
  state: WorkspaceState,
  file: string,
  from: number,
  to: number,
  rules: readonly string[],
): FileCodeAction[] {
  const parsed = state.parsed(file);
  if (!parsed) return [];
  const data = asRecord(parsed.value) as Partial<KpiFile>;
  const actions: FileCodeAction[] = [];
  const touches = (path: string[]) => {
    const span = parsed.has(path) ? parsed.locate(path, "value") : undefined;
    const key = parsed.has(path) ? parsed.locate(path, "key") : undefined;
    return !!span && !!key && key.start <= to && span.end >= from;
  };
  if (data.target === undefined) {
    actions.push({
      title: "Add a target (baseline, short term, mid term)",
      kind: CodeActionKind.QuickFix,
      isPreferred: rules.includes("target/missing"),
      edits: { [file]: [appendBlock(parsed, targetSkeletonText())] },
      ...(rules.includes("target/missing") ? { fixes: ["target/missing"] } : {}),
    });
  }
  if (data.action_plan === undefined) {
    actions.push({
      title: "Add an action plan",
      kind: CodeActionKind.QuickFix,
      edits: { [file]: [appendBlock(parsed, actionPlanSnippetText())] },
      ...(rules.includes("actionable/no-action-plan") ? { fixes: ["actionable/no-action-plan"] } : {}),
    });
  }
  const version = data.version;
  if (
    Number.isInteger(version) &&
    (touches(["version"]) || rules.some((rule) => rule.startsWith("version/")))
  ) {
    const next = (version as number) + 1;
    actions.push({
      title: `Bump version to ${next}`,
      kind: CodeActionKind.QuickFix,
      edits: { [file]: [{ range: toRange(parsed, parsed.locate(["version"])), newText: String(next) }] },
    });
  }
  const swap = swapThresholds(state, file, data);
  if (swap && (touches(["thresholds"]) || rules.includes("thresholds/order"))) actions.push(swap);
  return actions;
}

/** Inverted thresholds (critical on the good side of warning) swapped into the order `direction` needs. */
function swapThresholds(
  state: WorkspaceState,
  file: string,
  data: Partial<KpiFile>,
): FileCodeAction | undefined {
  const parsed = state.parsed(file);
  const { warning, critical } = data.thresholds ?? {};
  if (!parsed || typeof warning !== "number" || typeof critical !== "number") return undefined;
  const ordered = data.direction === "decrease" ? critical > warning : critical < warning;
  if (ordered || (data.direction !== "increase" && data.direction !== "decrease")) return undefined;
  const warningSpan = parsed.locate(["thresholds", "warning"]);
  const criticalSpan = parsed.locate(["thresholds", "critical"]);
  const text = parsed.text;
  return {
    title: "Swap the warning and critical thresholds",
    kind: CodeActionKind.QuickFix,
    isPreferred: true,
    edits: {
      [file]: [
        { range: toRange(parsed, warningSpan), newText: text.slice(criticalSpan.start, criticalSpan.end) },
        { range: toRange(parsed, criticalSpan), newText: text.slice(warningSpan.start, warningSpan.end) },
      ],
    },
  };
}
