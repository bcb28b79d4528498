import * as vscode from "vscode";
import { COMMANDS, KPI_VIEW_ID } from "./commands.js";
import { allKpis, countStatuses } from "./protocol.js";
import { STATUS_STYLE } from "./status-style.js";
import { describeWorkspace, type LoadedWorkspace, workspaceLabel } from "./workspace-groups.js";
import { projectFileOf } from "./workspaces.js";

/**
 * `KPI ✓ 4 ⚠ 2 ✗ 1`: how the latest values stand, summed over the KPI workspaces, in the status bar;
 * the tooltip gives each workspace's counts; a click shows the KPIs view.
 */
export class KpiStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("kpi.status", vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = "KPI status";
    this.item.command = `${KPI_VIEW_ID}.focus`;
  }

  show(workspaces: readonly LoadedWorkspace[], enabled: boolean): void {
    const summaries = workspaces.flatMap((loaded) => ("summary" in loaded ? [loaded.summary] : []));
    const kpis = summaries.flatMap(allKpis);
    if (!enabled || kpis.length === 0) {
      this.item.hide();
      return;
    }
    const counts = summaries.map(countStatuses).reduce((total, next) => {
      for (const status of Object.keys(total) as Array<keyof typeof total>) total[status] += next[status];
      return total;
    });
    const ran = kpis.filter((kpi) => kpi.status).length;
    this.item.text =
      ran === 0
        ? "$(graph) KPI: not run"
        : `$(graph) KPI $(pass) ${counts.on_track} $(warning) ${counts.at_risk} $(error) ${counts.off_track}`;
    const lines = (Object.keys(STATUS_STYLE) as Array<keyof typeof STATUS_STYLE>)
      .filter((status) => counts[status] > 0)
      .map((status) => `${counts[status]} ${STATUS_STYLE[status].label}`);
    const total = `${kpis.length} KPIs, ${ran} with a recorded value${lines.length ? `: ${lines.join(", ")}` : ""}.`;
    const each =
      workspaces.length > 1
        ? workspaces.map(
            (loaded) =>
              `${workspaceLabel(loaded)} (${projectFileOf(loaded.root)}): ${describeWorkspace(loaded)}`,
          )
        : [];
    this.item.tooltip = [total, ...each, `Run all: ${COMMANDS.runAll.title}.`].join("\n");
    this.item.backgroundColor =
      counts.off_track > 0 ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
