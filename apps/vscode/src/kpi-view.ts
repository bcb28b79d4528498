import * as vscode from "vscode";
import type { GoalSummary, KpiSummary, WorkspaceSummary } from "./protocol.js";
import { STATUS_STYLE, statusIcon } from "./status-style.js";
import { describeWorkspace, type LoadedWorkspace, workspaceLabel } from "./workspace-groups.js";
import { projectFileOf } from "./workspaces.js";

export type { LoadedWorkspace } from "./workspace-groups.js";

export type KpiViewNode =
  | { kind: "workspace"; summary: WorkspaceSummary }
  | { kind: "goal"; goal: GoalSummary }
  | { kind: "unaligned"; kpis: KpiSummary[] }
  | { kind: "kpi"; kpi: KpiSummary }
  | { kind: "problem"; root: string; message: string };

/** The goals -> KPIs tree, with each KPI's latest status and value. */
export class KpiViewProvider implements vscode.TreeDataProvider<KpiViewNode> {
  private readonly changed = new vscode.EventEmitter<KpiViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private workspaces: LoadedWorkspace[] = [];

  show(workspaces: LoadedWorkspace[]): void {
    this.workspaces = workspaces;
    this.changed.fire(undefined);
  }

  getChildren(node?: KpiViewNode): KpiViewNode[] {
    if (!node) {
      if (this.workspaces.length === 1 && this.workspaces[0]) return this.childrenOf(this.workspaces[0]);
      return this.workspaces.map((loaded) =>
        "summary" in loaded
          ? { kind: "workspace", summary: loaded.summary }
          : { kind: "problem", root: loaded.root, message: loaded.error },
      );
    }
    switch (node.kind) {
      case "workspace":
        return this.childrenOf({ root: node.summary.root, summary: node.summary });
      case "goal":
        return node.goal.kpis.map((kpi) => ({ kind: "kpi", kpi }));
      case "unaligned":
        return node.kpis.map((kpi) => ({ kind: "kpi", kpi }));
      default:
        return [];
    }
  }

  getTreeItem(node: KpiViewNode): vscode.TreeItem {
    switch (node.kind) {
      case "workspace": {
        const loaded = { root: node.summary.root, summary: node.summary };
        return Object.assign(folder(workspaceLabel(loaded), "root-folder", node.summary.root), {
          description: `${projectFileOf(node.summary.root)} · ${describeWorkspace(loaded)}`,
          contextValue: "kpiWorkspace",
          id: `workspace:${node.summary.root}`,
        });
      }
      case "goal":
        return Object.assign(folder(node.goal.id, "target", node.goal.statement), {
          description: node.goal.statement,
          contextValue: "kpiGoal",
        });
      case "unaligned":
        return folder("KPIs without a known goal", "question", undefined);
      case "problem":
        return Object.assign(new vscode.TreeItem(node.message), {
          iconPath: new vscode.ThemeIcon("error"),
          description: projectFileOf(node.root),
          tooltip: node.root,
        });
      case "kpi":
        return kpiItem(node.kpi);
    }
  }

  private childrenOf(loaded: LoadedWorkspace): KpiViewNode[] {
    if ("error" in loaded) return [{ kind: "problem", root: loaded.root, message: loaded.error }];
    const nodes: KpiViewNode[] = loaded.summary.goals.map((goal) => ({ kind: "goal", goal }));
    if (loaded.summary.unaligned.length > 0)
      nodes.push({ kind: "unaligned", kpis: loaded.summary.unaligned });
    return nodes;
  }
}

function folder(label: string, icon: string, tooltip: string | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
  item.iconPath = new vscode.ThemeIcon(icon);
  if (tooltip) item.tooltip = tooltip;
  return item;
}

function kpiItem(kpi: KpiSummary): vscode.TreeItem {
  const item = new vscode.TreeItem(kpi.name ?? kpi.id, vscode.TreeItemCollapsibleState.None);
  item.id = kpi.file;
  item.iconPath = statusIcon(kpi.status);
  const expected = kpi.expected ? ` · expected ${kpi.expected}` : "";
  item.description = kpi.status
    ? `${kpi.display ?? ""} · ${STATUS_STYLE[kpi.status].label}${expected}`
    : "not run yet";
  item.resourceUri = vscode.Uri.file(kpi.file);
  item.contextValue = "kpi";
  item.tooltip = new vscode.MarkdownString(
    [
      `**${kpi.name ?? kpi.id}** \`${kpi.id}\`${kpi.core ? " · core KPI" : ""}`,
      kpi.status ? `${kpi.display} · ${STATUS_STYLE[kpi.status].label}` : "Not run yet.",
      kpi.pace ? kpi.pace.charAt(0).toUpperCase() + kpi.pace.slice(1) : "",
      kpi.period ? `Period ${kpi.period.start} to ${kpi.period.end} (end exclusive)` : "",
      kpi.recordedAt ? `Recorded ${kpi.recordedAt}` : "",
    ]
      .filter(Boolean)
      .join("\n\n"),
  );
  item.command = { command: "vscode.open", title: "Open", arguments: [item.resourceUri] };
  return item;
}

/** The KPI a command argument names when the command runs from the view's context menu. */
export function kpiOfNode(argument: unknown): KpiSummary | undefined {
  const node = argument as Partial<KpiViewNode> | undefined;
  return node?.kind === "kpi" && "kpi" in node ? node.kpi : undefined;
}
