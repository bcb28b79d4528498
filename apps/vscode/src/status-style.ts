import * as vscode from "vscode";
import { type KpiStatus, STATUS_STYLE } from "./protocol.js";

export { STATUS_STYLE };

export function statusIcon(status: KpiStatus | undefined): vscode.ThemeIcon {
  if (!status) return new vscode.ThemeIcon("circle-outline");
  const style = STATUS_STYLE[status];
  return new vscode.ThemeIcon(style.icon, style.color ? new vscode.ThemeColor(style.color) : undefined);
}
