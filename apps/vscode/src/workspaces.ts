import { dirname, sep } from "node:path";
import * as vscode from "vscode";

/** Folders holding a kpi.yaml in the open VS Code workspace, shortest path first. */
export async function findKpiWorkspaces(): Promise<string[]> {
  const projectFiles = await vscode.workspace.findFiles("**/kpi.yaml", "{**/node_modules/**,**/.*/**}");
  return projectFiles
    .map((uri) => dirname(uri.fsPath))
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
}

/** The KPI workspace a file belongs to: the nearest folder upwards that holds a kpi.yaml. */
export function workspaceOf(file: string, roots: readonly string[]): string | undefined {
  return roots.filter((root) => file.startsWith(root + sep)).sort((a, b) => b.length - a.length)[0];
}
