import type { WorkspaceState } from "../state/workspace-state.js";
import { loadRunner } from "./run-kpi.js";

/** The command a client runs for Check sources: arguments `[root?]`, a workspace root or a file's URI; none: every workspace. */
export const CHECK_SOURCES_COMMAND = "kpi.checkSources";

export interface CheckSourcesOutcome {
  /** How many problems the sources gave (unknown tables and columns, SQL errors, unreachable sources). */
  problems: number;
  /** What could not be checked at all, each with a message that says why (a connector to install...). */
  notices: { code: string; severity: "error" | "warning"; source: string; message: string }[];
}

/**
 * The editor's Check sources (spec 4.8, as `kpi validate --sources`): connects to each source of the
 * current model (unsaved edits included) read-only, reads no data, and keeps what it finds in the
 * state, so the diagnostics the server publishes next include it.
 */
export async function checkSources(
  state: WorkspaceState,
  options: { signal?: AbortSignal } = {},
): Promise<CheckSourcesOutcome> {
  // The runner pulls in the database drivers: loaded on first use, as for a run.
  const runner = await loadRunner();
  const checked = await runner.checkSources(state.root, {
    workspace: state.workspace,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  state.setSourceFindings(checked.diagnostics);
  return {
    problems: checked.diagnostics.length,
    notices: checked.notices.map(({ code, severity, source, message }) => ({
      code,
      severity,
      source,
      message,
    })),
  };
}
