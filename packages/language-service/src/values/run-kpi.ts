import type { WorkspaceState } from "../state/workspace-state.js";

export interface RunKpiOutcome {
  kpi: string;
  value: number | null;
  status: string;
  error?: string;
}

/**
 * Computes one KPI on the current model (unsaved edits included), records the value in the
 * workspace's history and reloads the latest values the hints show.
 */
export async function runKpi(state: WorkspaceState, kpi: string): Promise<RunKpiOutcome> {
  const { recordRun, runWorkspace } = await loadRunner();
  const today = state.options.today;
  const result = await runWorkspace({
    root: state.root,
    workspace: state.workspace,
    kpis: [kpi],
    breakdowns: false,
    ...(today ? { today } : {}),
  });
  await recordRun(state.root, result);
  await refreshValues(state);
  const first = result.results[0];
  return {
    kpi,
    value: first?.value ?? null,
    status: first?.status ?? "error",
    ...(first?.error ? { error: first.error } : {}),
  };
}

/**
 * Reloads the latest recorded values from the history (after a run, or when `.kpi/` changed). Only
 * the runner's history module: reading values needs none of the database drivers.
 */
export async function refreshValues(state: WorkspaceState): Promise<void> {
  const { latestValues, readAnalysis } = await import("@kpi-as-code/runner/history");
  state.values = await latestValues(state.root);
  // A missing, damaged or unsafe analysis file only means no verdict in the hover.
  state.analysis = await readAnalysis(state.root).catch(() => undefined);
}

/**
 * The runner pulls in every database driver; loaded on first use so that the language server starts
 * (and shows diagnostics) without waiting for DuckDB's native module.
 */
export function loadRunner() {
  return import("@kpi-as-code/runner");
}
