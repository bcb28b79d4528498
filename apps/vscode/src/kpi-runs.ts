import * as vscode from "vscode";
import { runBundled } from "./bundled-tools.js";
import { SERVER_RUN_KPI_COMMAND } from "./commands.js";
import { isKpiStatus, type KpiStatus } from "./protocol.js";
import { STATUS_STYLE } from "./status-style.js";

export interface RunOutcome {
  kpi: string;
  value: number | null;
  status: KpiStatus | "error";
  error?: string;
}

/** The parts of `kpi run --format json` (spec §3) read here. */
interface RunJson {
  results: Array<{ kpi: string; value: number | null; status: string; error?: string }>;
}

/**
 * Runs one KPI and records its value. The language server does it when it offers its run command
 * (it computes on the open, possibly unsaved, documents and refreshes its inline values); otherwise
 * the bundled CLI runs it from the saved files.
 */
export async function runOneKpi(
  extensionPath: string,
  root: string,
  kpi: string,
  today?: string,
): Promise<RunOutcome> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes(SERVER_RUN_KPI_COMMAND)) {
    const outcome = await vscode.commands.executeCommand<Partial<RunOutcome> | undefined>(
      SERVER_RUN_KPI_COMMAND,
      kpi,
      root, // the server serves several workspaces; an id may be in two
    );
    return {
      kpi,
      value: typeof outcome?.value === "number" ? outcome.value : null,
      status: isKpiStatus(outcome?.status) ? outcome.status : "error",
      ...(outcome?.error ? { error: outcome.error } : {}),
    };
  }
  const [outcome] = await runWithCli(extensionPath, root, [kpi], today);
  return outcome ?? { kpi, value: null, status: "error", error: "the run returned no result" };
}

/** `kpi run --format json` on a workspace (all KPIs, or these), recorded in its history. */
export async function runWithCli(
  extensionPath: string,
  root: string,
  kpis: readonly string[] | undefined,
  today: string | undefined,
): Promise<RunOutcome[]> {
  const args = ["run", "--dir", root, "--format", "json"];
  if (kpis?.length) args.push("--kpi", ...kpis);
  if (today) args.push("--today", today);
  const output = await runBundled(extensionPath, "cli", args, root);
  if (output.code === 2 || !output.stdout.trim()) {
    throw new Error(output.stderr.trim() || `kpi run exited with ${output.code}`);
  }
  const json = JSON.parse(output.stdout) as RunJson;
  return json.results.map((result) => ({
    kpi: result.kpi,
    value: result.value,
    status: isKpiStatus(result.status) ? result.status : "error",
    ...(result.error ? { error: result.error } : {}),
  }));
}

/** `kpi history <id>` as the CLI prints it (a table, newest first). */
export async function historyTable(extensionPath: string, root: string, kpi: string): Promise<string> {
  const output = await runBundled(extensionPath, "cli", ["history", kpi, "--dir", root], root);
  if (output.code !== 0) throw new Error(output.stderr.trim() || `kpi history exited with ${output.code}`);
  return output.stdout;
}

export function describeOutcomes(outcomes: readonly RunOutcome[]): string {
  const counts = new Map<string, number>();
  for (const { status } of outcomes) counts.set(status, (counts.get(status) ?? 0) + 1);
  const parts = [...counts].map(
    ([status, count]) => `${count} ${isKpiStatus(status) ? STATUS_STYLE[status].label : status}`,
  );
  return `Ran ${outcomes.length} KPI${outcomes.length === 1 ? "" : "s"}: ${parts.join(", ")}.`;
}
