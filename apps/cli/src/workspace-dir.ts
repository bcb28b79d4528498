import { existsSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import {
  escapeControl,
  findWorkspaceRoot,
  findWorkspaces,
  listWorkspaceFiles,
  PROJECT_FILE,
  toPosix,
} from "@kpi-as-code/core";
import { CliError } from "./cli-error.js";

/**
 * The workspace a command works on: `--dir` if given, else the nearest folder upwards holding a kpi.yaml.
 * A folder without kpi.yaml is accepted when it holds KPI files (validate reports the missing project file).
 */
export function resolveWorkspaceDir(dir: string | undefined, cwd = process.cwd()): string {
  if (dir !== undefined) {
    const root = resolve(cwd, dir);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new CliError(`${dir}: no such directory`);
    if (!existsSync(resolve(root, PROJECT_FILE)) && listWorkspaceFiles(root).length === 0) {
      throw new CliError(
        `${dir}: not a KPI workspace (no ${PROJECT_FILE} and no *.kpi.yaml files); create one with \`kpi init\``,
      );
    }
    return root;
  }
  const root = findWorkspaceRoot(cwd);
  if (!root) {
    throw new CliError(
      `no ${PROJECT_FILE} found in ${cwd} or any parent folder; pass --dir or create one with \`kpi init\``,
    );
  }
  return root;
}

/**
 * The workspaces a command over several works on: `--dir` or the nearest kpi.yaml upwards selects
 * one (as resolveWorkspaceDir); from a folder with neither, every workspace below it (findWorkspaces).
 */
export function resolveWorkspaceDirs(dir: string | undefined, cwd = process.cwd()): string[] {
  if (dir !== undefined || findWorkspaceRoot(cwd)) return [resolveWorkspaceDir(dir, cwd)];
  const below = findWorkspaces(cwd);
  return below.length > 0 ? below : [resolveWorkspaceDir(dir, cwd)];
}

/**
 * The one workspace a single-workspace command (explain, why, funnel) works on, as resolveWorkspaceDirs
 * finds it; from a folder with no kpi.yaml above it and several workspaces below, an error naming them.
 */
export function resolveOneWorkspaceDir(
  dir: string | undefined,
  command: string,
  cwd = process.cwd(),
): string {
  const roots = resolveWorkspaceDirs(dir, cwd);
  if (roots.length > 1) {
    const names = roots.map((root) => workspaceFolder(root, cwd)).join(", ");
    throw new CliError(
      `${command} works on one workspace, and ${roots.length} were found below ${cwd}: ${names}; pass --dir with one of them (e.g. --dir ${workspaceFolder(roots[0] as string, cwd)})`,
    );
  }
  return roots[0] as string;
}

/** A workspace's folder as shown to the user: relative to where the command ran, with `/`. */
export function workspaceFolder(root: string, cwd = process.cwd()): string {
  return toPosix(relative(cwd, root));
}

/** The heading over one workspace's part of a command's output: its folder, escaped. */
export function writeWorkspaceHeading(root: string, cwd = process.cwd()): void {
  // A folder's name may hold control characters: shown escaped, never acted on by the terminal.
  process.stdout.write(`\n${escapeControl(workspaceFolder(root, cwd))}:\n`);
}

/**
 * Handles each workspace in turn, under a heading naming its folder (relative to `cwd`) when there
 * are several; the exit code is the worst of them.
 */
export async function forEachWorkspace(
  roots: readonly string[],
  handle: (root: string) => Promise<number>,
  cwd = process.cwd(),
): Promise<number> {
  if (roots.length === 1) return handle(roots[0] as string);
  let worst = 0;
  for (const root of roots) {
    writeWorkspaceHeading(root, cwd);
    worst = Math.max(worst, await handle(root));
  }
  return worst;
}
