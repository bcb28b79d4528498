import type { LanguageClient } from "vscode-languageclient/node";
import { runBundled } from "./bundled-tools.js";
import { WORKSPACE_SUMMARY_REQUEST, type WorkspaceSummary, type WorkspaceSummaryParams } from "./protocol.js";

const METHOD_NOT_FOUND = -32601;

/**
 * The summary of one KPI workspace: from the language server when it answers
 * `kpi/workspaceSummary`, else from the bundled summary worker (a separate node process).
 */
export async function loadSummary(
  extensionPath: string,
  root: string,
  client: LanguageClient | undefined,
): Promise<WorkspaceSummary> {
  if (client?.isRunning()) {
    try {
      const params: WorkspaceSummaryParams = { root };
      return await client.sendRequest<WorkspaceSummary>(WORKSPACE_SUMMARY_REQUEST, params);
    } catch (error) {
      if ((error as { code?: unknown }).code !== METHOD_NOT_FOUND) throw error;
    }
  }
  const output = await runBundled(extensionPath, "summary", [root], root);
  if (output.code !== 0)
    throw new Error(output.stderr.trim() || `the summary worker exited with ${output.code}`);
  return JSON.parse(output.stdout) as WorkspaceSummary;
}
