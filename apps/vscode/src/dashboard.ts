import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import * as vscode from "vscode";
import { runBundled } from "./bundled-tools.js";
import type { KpiController } from "./controller.js";
import { describeWorkspace, type LoadedWorkspace, workspaceLabel } from "./workspace-groups.js";
import { projectFileOf } from "./workspaces.js";

/**
 * "KPI: Show dashboard": the same self-contained page as `kpi report`, in a webview. The bundled CLI
 * writes it (computing values, not recording them); the page needs no network, only its inline scripts.
 */
export async function showDashboard(controller: KpiController): Promise<void> {
  const workspaces = controller.workspaces();
  const root = workspaces.length > 1 ? await pickWorkspace(workspaces) : workspaces[0]?.root;
  if (!root) {
    void vscode.window.showWarningMessage("No KPI workspace (a folder with kpi.yaml) is open.");
    return;
  }
  const html = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Building the KPI dashboard of ${basename(root)}`,
    },
    () => renderReport(controller.extensionPath, root, controller.settings().today),
  );
  if (html.error !== undefined) {
    void vscode.window.showErrorMessage(`KPI dashboard failed: ${html.error}`);
    return;
  }
  const panel = vscode.window.createWebviewPanel(
    "kpi.dashboard",
    `KPI dashboard: ${basename(root)}`,
    vscode.ViewColumn.Active,
    { enableScripts: true, localResourceRoots: [] },
  );
  panel.webview.html = html.page;
}

async function renderReport(
  extensionPath: string,
  root: string,
  today: string | undefined,
): Promise<{ page: string; error?: undefined } | { error: string }> {
  const dir = await mkdtemp(join(tmpdir(), "kpi-dashboard-"));
  try {
    const out = join(dir, "report.html");
    const args = ["report", "--dir", root, "--out", out, ...(today ? ["--today", today] : [])];
    const result = await runBundled(extensionPath, "cli", args, root);
    // kpi report writes the page even when it exits 1 or 2 because KPIs are in error: the page shows why.
    const page = await readFile(out, "utf8").catch(() => undefined);
    if (page === undefined) return { error: result.stderr.trim() || `kpi report exited with ${result.code}` };
    return { page };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Which KPI workspace's dashboard: each by its name, folder and counts. */
async function pickWorkspace(workspaces: readonly LoadedWorkspace[]): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    workspaces.map((loaded) => ({
      label: workspaceLabel(loaded),
      description: projectFileOf(loaded.root),
      detail: describeWorkspace(loaded),
      root: loaded.root,
    })),
    { placeHolder: "Which KPI workspace's dashboard?", matchOnDescription: true },
  );
  return picked?.root;
}
