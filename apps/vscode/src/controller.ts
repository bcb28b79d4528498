import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { SERVER_CHECK_SOURCES_COMMAND } from "./commands.js";
import { describeOutcomes, historyTable, runOneKpi, runWithCli } from "./kpi-runs.js";
import { type KpiViewProvider, kpiOfNode } from "./kpi-view.js";
import { allKpis, type KpiSummary } from "./protocol.js";
import { type KpiSettings, readSettings, SETTINGS_SECTION } from "./settings.js";
import type { KpiStatusBar } from "./status-bar.js";
import { loadSummaries } from "./summary-source.js";
import { type LoadedWorkspace, workspaceLabel } from "./workspace-groups.js";
import { findKpiWorkspaces, workspaceOf } from "./workspaces.js";

const REFRESH_DELAY_MS = 300;

/** What the server's Check sources answers, per workspace. */
interface SourcesOutcome {
  root: string;
  problems: number;
  notices: { severity: "error" | "warning"; source: string; message: string }[];
}

/** Keeps the view and the status bar in step with the workspaces, and carries out the commands. */
export class KpiController implements vscode.Disposable {
  private loaded: LoadedWorkspace[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly extensionPath: string,
    private readonly client: () => LanguageClient | undefined,
    private readonly view: KpiViewProvider,
    private readonly statusBar: KpiStatusBar,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  settings(scope?: vscode.Uri): KpiSettings {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
    return readSettings((key) => config.get(key));
  }

  /** Reloads every workspace's summary soon; calls within the delay coalesce into one reload. */
  scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  async refresh(): Promise<void> {
    const roots = await findKpiWorkspaces();
    this.loaded = await loadSummaries(this.extensionPath, roots, this.client(), (message) =>
      this.output.appendLine(message),
    );
    this.view.show(this.loaded);
    this.statusBar.show(this.loaded, this.settings().statusBarEnabled);
  }

  /** "KPI: Run KPI": the KPI picked in the view, else the one in the active editor. */
  async runKpi(argument?: unknown): Promise<void> {
    const target = kpiOfNode(argument) ?? this.kpiOfFile(vscode.window.activeTextEditor?.document.uri.fsPath);
    if (!target) {
      void vscode.window.showWarningMessage(
        "Open a KPI file (*.kpi.yaml), or pick a KPI in the KPIs view, to run it.",
      );
      return;
    }
    await this.runQuietly(target, true);
  }

  /** Runs the KPI of a file just saved, when `kpi.runOnSave` is on. */
  async runOnSave(document: vscode.TextDocument): Promise<void> {
    if (!this.settings(document.uri).runOnSave) return;
    const target = this.kpiOfFile(document.uri.fsPath);
    if (target) await this.runQuietly(target, false);
  }

  async runAll(): Promise<void> {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: "Running all KPIs" },
      async () => {
        for (const loaded of this.loaded) {
          const { root } = loaded;
          const name = this.loaded.length > 1 ? `${workspaceLabel(loaded)}: ` : "";
          try {
            const outcomes = await runWithCli(this.extensionPath, root, undefined, this.settings().today);
            for (const outcome of outcomes.filter((o) => o.error)) {
              this.output.appendLine(`[run] ${outcome.kpi}: ${outcome.error}`);
            }
            void vscode.window.showInformationMessage(`${name}${describeOutcomes(outcomes)}`);
          } catch (error) {
            void vscode.window.showErrorMessage(`KPI run failed in ${root}: ${messageOf(error)}`);
          }
        }
      },
    );
    await this.refresh();
  }

  /**
   * "KPI: Check sources": the language server connects to each source (read-only, no data read)
   * and publishes what it finds as diagnostics; this says how many, and what could not be checked.
   */
  async checkSources(): Promise<void> {
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes(SERVER_CHECK_SOURCES_COMMAND)) {
      void vscode.window.showWarningMessage(
        "Checking sources needs the KPI language server, which is not running.",
      );
      return;
    }
    try {
      const outcomes = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: "Checking the KPI sources" },
        () => vscode.commands.executeCommand<SourcesOutcome[] | undefined>(SERVER_CHECK_SOURCES_COMMAND),
      );
      for (const outcome of outcomes ?? []) {
        for (const notice of outcome.notices) {
          const show =
            notice.severity === "error" ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
          void show(`${notice.source}: ${notice.message}`);
        }
      }
      const problems = (outcomes ?? []).reduce((sum, outcome) => sum + outcome.problems, 0);
      void vscode.window.showInformationMessage(
        problems === 0
          ? "The sources have every table, column and view the KPIs name, and their SQL compiles."
          : `The sources gave ${problems} problem${problems === 1 ? "" : "s"}: see the Problems panel.`,
      );
    } catch (error) {
      void vscode.window.showErrorMessage(`Checking the sources failed: ${messageOf(error)}`);
    }
  }

  async showHistory(argument?: unknown): Promise<void> {
    const target = kpiOfNode(argument) ?? this.kpiOfFile(vscode.window.activeTextEditor?.document.uri.fsPath);
    const kpi = target ?? (await this.pickKpi());
    if (!kpi) return;
    const root = workspaceOf(kpi.file, this.roots());
    if (!root) return;
    try {
      const table = await historyTable(this.extensionPath, root, kpi.id);
      this.output.appendLine(`\n${table}`);
      this.output.show(true);
    } catch (error) {
      void vscode.window.showErrorMessage(`KPI history failed: ${messageOf(error)}`);
    }
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
  }

  private async runQuietly(kpi: KpiSummary, announce: boolean): Promise<void> {
    const root = workspaceOf(kpi.file, this.roots());
    if (!root) return;
    try {
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Running ${kpi.id}` },
        () => runOneKpi(this.extensionPath, root, kpi.id, this.settings(vscode.Uri.file(kpi.file)).today),
      );
      if (outcome.error) this.output.appendLine(`[run] ${kpi.id}: ${outcome.error}`);
      const message = `${kpi.id}: ${describeOutcomes([outcome])}`;
      if (announce) void vscode.window.showInformationMessage(message);
      else vscode.window.setStatusBarMessage(message, 5000);
    } catch (error) {
      void vscode.window.showErrorMessage(`KPI run failed: ${messageOf(error)}`);
    }
    await this.refresh();
  }

  /** The KPI workspaces found in the open folders. */
  roots(): string[] {
    return this.loaded.map((loaded) => loaded.root);
  }

  /** The KPI workspaces with their summaries (or why one did not load), as last refreshed. */
  workspaces(): readonly LoadedWorkspace[] {
    return this.loaded;
  }

  private kpiOfFile(file: string | undefined): KpiSummary | undefined {
    if (!file) return undefined;
    return this.summaries()
      .flatMap(allKpis)
      .find((kpi) => kpi.file === file);
  }

  private summaries() {
    return this.loaded.flatMap((loaded) => ("summary" in loaded ? [loaded.summary] : []));
  }

  /** A KPI of any workspace; with several, each names its workspace (an id may be in two). */
  private async pickKpi(): Promise<KpiSummary | undefined> {
    const several = this.loaded.length > 1;
    const picked = await vscode.window.showQuickPick(
      this.loaded.flatMap((loaded) =>
        "summary" in loaded
          ? allKpis(loaded.summary).map((kpi) => ({
              label: kpi.id,
              description: [kpi.name, several ? workspaceLabel(loaded) : undefined]
                .filter(Boolean)
                .join(" · "),
              kpi,
            }))
          : [],
      ),
      { placeHolder: "Which KPI's history?", matchOnDescription: true },
    );
    return picked?.kpi;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
