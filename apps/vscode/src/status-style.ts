import * as vscode from "vscode";
import type { KpiStatus } from "./protocol.js";

/** One look per status, shared by the tree view and the status bar. */
export const STATUS_STYLE: Record<KpiStatus, { label: string; icon: string; color: string | undefined }> = {
  on_track: { label: "on track", icon: "pass-filled", color: "testing.iconPassed" },
  at_risk: { label: "at risk", icon: "warning", color: "list.warningForeground" },
  off_track: { label: "off track", icon: "error", color: "list.errorForeground" },
  no_data: { label: "no data", icon: "circle-slash", color: undefined },
  no_target: { label: "no target", icon: "circle-large-outline", color: undefined },
  error: { label: "error", icon: "bug", color: "list.errorForeground" },
};

export function statusIcon(status: KpiStatus | undefined): vscode.ThemeIcon {
  if (!status) return new vscode.ThemeIcon("circle-outline");
  const style = STATUS_STYLE[status];
  return new vscode.ThemeIcon(style.icon, style.color ? new vscode.ThemeColor(style.color) : undefined);
}
