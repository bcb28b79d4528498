import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { COMMANDS, KPI_VIEW_ID } from "./commands.js";
import { KpiController } from "./controller.js";
import { showDashboard } from "./dashboard.js";
import { KpiViewProvider } from "./kpi-view.js";
import { createLanguageClient } from "./language-client.js";
import { SETTINGS_SECTION } from "./settings.js";
import { KpiStatusBar } from "./status-bar.js";

let client: LanguageClient | undefined;

const KPI_FILE = /(\.kpi\.ya?ml|[\\/]kpi\.yaml)$/;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("KPI", { log: true });
  const view = new KpiViewProvider();
  const statusBar = new KpiStatusBar();
  const controller = new KpiController(context.extensionPath, () => client, view, statusBar, output);
  context.subscriptions.push(
    output,
    statusBar,
    controller,
    vscode.window.registerTreeDataProvider(KPI_VIEW_ID, view),
    vscode.commands.registerCommand(COMMANDS.runKpi.command, (node?: unknown) => controller.runKpi(node)),
    vscode.commands.registerCommand(COMMANDS.runAll.command, () => controller.runAll()),
    vscode.commands.registerCommand(COMMANDS.showHistory.command, (node?: unknown) =>
      controller.showHistory(node),
    ),
    vscode.commands.registerCommand(COMMANDS.refreshView.command, () => controller.refresh()),
    vscode.commands.registerCommand(COMMANDS.showDashboard.command, () => showDashboard(controller)),
    vscode.commands.registerCommand(COMMANDS.checkSources.command, () => controller.checkSources()),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (!KPI_FILE.test(document.uri.fsPath)) return;
      controller.scheduleRefresh();
      void controller.runOnSave(document);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) controller.scheduleRefresh();
    }),
  );
  const historyWatcher = vscode.workspace.createFileSystemWatcher("**/.kpi/history/latest.json");
  historyWatcher.onDidChange(() => controller.scheduleRefresh());
  historyWatcher.onDidCreate(() => controller.scheduleRefresh());
  context.subscriptions.push(historyWatcher);

  client = createLanguageClient(context, output);
  try {
    await client.start();
  } catch (error) {
    output.appendLine(
      `The KPI language server did not start: ${error instanceof Error ? error.message : error}`,
    );
  }
  await controller.refresh();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
