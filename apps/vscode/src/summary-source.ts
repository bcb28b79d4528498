import type { LanguageClient } from "vscode-languageclient/node";
import { runBundled } from "./bundled-tools.js";
import {
  WORKSPACE_SUMMARY_REQUEST,
  type WorkspaceSummaries,
  type WorkspaceSummary,
  type WorkspaceSummaryParams,
} from "./protocol.js";
import { groupByWorkspace, type LoadedWorkspace, samePath } from "./workspace-groups.js";

const METHOD_NOT_FOUND = -32601;

/**
 * The summaries of the KPI workspaces at `roots`: one request for every workspace the language
 * server serves (its `workspaces` list), then, for a root it did not answer for, the request for that
 * root, else the bundled summary worker. Each summary then holds exactly its own workspace's KPIs.
 */
export async function loadSummaries(
  extensionPath: string,
  roots: readonly string[],
  client: LanguageClient | undefined,
  log: (message: string) => void,
): Promise<LoadedWorkspace[]> {
  const served = await servedSummaries(client, log);
  const loaded = await Promise.all(
    roots.map(async (root): Promise<LoadedWorkspace> => {
      const summary = served.find((candidate) => samePath(candidate.root, root));
      if (summary) return { root, summary };
      try {
        return { root, summary: await loadSummary(extensionPath, root, client) };
      } catch (error) {
        log(`[summary] ${root}: ${messageOf(error)}`);
        return { root, error: messageOf(error) };
      }
    }),
  );
  return groupByWorkspace(loaded);
}

/** Every workspace's summary from the server's one answer, or none (an older server, or no server). */
async function servedSummaries(
  client: LanguageClient | undefined,
  log: (message: string) => void,
): Promise<WorkspaceSummary[]> {
  if (!client?.isRunning()) return [];
  try {
    const params: WorkspaceSummaryParams = {};
    // A server that serves one workspace only answers without `workspaces`.
    const answer = await client.sendRequest<Partial<WorkspaceSummaries>>(WORKSPACE_SUMMARY_REQUEST, params);
    return Array.isArray(answer?.workspaces) ? answer.workspaces : [];
  } catch (error) {
    if ((error as { code?: unknown }).code !== METHOD_NOT_FOUND) log(`[summary] ${messageOf(error)}`);
    return [];
  }
}

/**
 * The summary of one KPI workspace: from the language server when it answers
 * `kpi/workspaceSummary` for that root, else from the bundled summary worker (a separate node process).
 */
export async function loadSummary(
  extensionPath: string,
  root: string,
  client: LanguageClient | undefined,
): Promise<WorkspaceSummary> {
  if (client?.isRunning()) {
    try {
      const params: WorkspaceSummaryParams = { root };
      const summary = await client.sendRequest<WorkspaceSummary>(WORKSPACE_SUMMARY_REQUEST, params);
      // A server serving another workspace may answer with that one: then the worker reads this one.
      if (samePath(summary.root, root)) return summary;
    } catch (error) {
      if ((error as { code?: unknown }).code !== METHOD_NOT_FOUND) throw error;
    }
  }
  const output = await runBundled(extensionPath, "summary", [root], root);
  if (output.code !== 0)
    throw new Error(output.stderr.trim() || `the summary worker exited with ${output.code}`);
  return JSON.parse(output.stdout) as WorkspaceSummary;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
