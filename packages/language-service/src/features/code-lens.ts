import type { CodeLens } from "vscode-languageserver-types";
import { toRange } from "../state/positions.js";
import type { WorkspaceState } from "../state/workspace-state.js";

/** The command the "Run" lens invokes, with the KPI id as its one argument. */
export const RUN_KPI_COMMAND = "kpi.runKpi";

/** A "Run" lens on a KPI's `kpi:` line: computes the KPI with the runner and records the value. */
export function codeLenses(state: WorkspaceState, file: string): CodeLens[] {
  const entry = state.entry(file);
  if (!entry || !("formula" in entry) || !entry.id) return [];
  const range = toRange(entry.parsed, entry.parsed.locate(["kpi"], "key"));
  return [{ range, command: { title: "▶ Run", command: RUN_KPI_COMMAND, arguments: [entry.id] } }];
}
