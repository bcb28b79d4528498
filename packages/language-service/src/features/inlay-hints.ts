import { asRecord, type KpiFile } from "@kpi-as-code/core";
import { type InlayHint, InlayHintKind, type Range } from "vscode-languageserver-types";
import { toPosition } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";
import { progressSummary, valueSummary } from "../values/format-value.js";

/**
 * A KPI's latest recorded value and status after its `kpi:` line, and its progress towards the target
 * after the `target:` key: `27.3% · at risk · target 30% by 2026-12-31 · 2 h ago`.
 */
export function inlayHints(
  state: WorkspaceState,
  file: string,
  range: Range,
  now: Date = new Date(),
): InlayHint[] {
  const entry = state.entry(file);
  const parsed = entry?.parsed;
  if (!parsed || !entry || !("formula" in entry) || !entry.id) return [];
  const value = state.values[entry.id];
  if (!value) return [];
  const data = asRecord(parsed.value) as Partial<KpiFile>;
  const hints: InlayHint[] = [];
  const add = (path: string[], target: "key" | "value", label: string) => {
    const position = toPosition(parsed, parsed.locate(path, target).end);
    if (position.line < range.start.line || position.line > range.end.line) return;
    hints.push({ position, label, kind: InlayHintKind.Type, paddingLeft: true });
  };
  add(["kpi"], "value", valueSummary(data, value, now));
  const progress = progressSummary(data, value);
  if (progress && parsed.has(["target"])) add(["target"], "key", progress);
  return hints;
}
