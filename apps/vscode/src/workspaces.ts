import { dirname, join } from "node:path";
import * as vscode from "vscode";

/** Folders holding a kpi.yaml in the open VS Code workspace, shortest path first. */
export async function findKpiWorkspaces(): Promise<string[]> {
  const projectFiles = await vscode.workspace.findFiles("**/kpi.yaml", "{**/node_modules/**,**/.*/**}");
  return projectFiles
    .map((uri) => dirname(uri.fsPath))
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
}

export { workspaceOf } from "./workspace-groups.js";

/** Where a workspace's kpi.yaml is, as the window shows paths (`teams/support/kpi.yaml`, prefixed with the folder's name when several are open). */
export function projectFileOf(root: string): string {
  const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return vscode.workspace.asRelativePath(vscode.Uri.file(join(root, "kpi.yaml")), several);
}
