import { escapeControl, escapeControlDeep, type Workspace } from "@kpi-as-code/core";
import {
  type HistoryRecord,
  loadWorkspace,
  RunnerError,
  readHistory,
  workspaceCalendar,
} from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import { CliError, EXIT } from "../cli-error.js";
import { parseCount, useColor } from "../options.js";
import { formatHistoryTable, kpiDisplays } from "../run-output/index.js";
import { resolveWorkspaceDirs, workspaceFolder, writeWorkspaceHeading } from "../workspace-dir.js";

export interface HistoryCommandOptions {
  dir?: string;
  limit: number;
  format: "table" | "json";
}

const DEFAULT_LIMIT = 20;

export function historyCommand(): Command {
  return new Command("history")
    .description("Show a KPI's recorded values, newest first, with version and status.")
    .argument("<kpi>", "the KPI id")
    .option(
      "--dir <dir>",
      "workspace folder (default: nearest folder upwards with a kpi.yaml, else every workspace below)",
    )
    .option("--limit <n>", "how many recorded values to show", parseCount, DEFAULT_LIMIT)
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .action(async (kpi: string, options: HistoryCommandOptions) => {
      process.exitCode = await showHistory(kpi, options);
    });
}

export async function showHistory(kpi: string, options: HistoryCommandOptions): Promise<number> {
  if (!/^[a-z][a-z0-9_]*$/.test(kpi)) throw new CliError(`"${kpi}" is not a KPI id (snake_case expected)`);
  const roots = resolveWorkspaceDirs(options.dir);
  if (roots.length === 1) {
    const found = await workspaceHistory(roots[0] as string, kpi, options.limit);
    if (!found) throw new CliError(`no KPI "${kpi}" in the workspace and no recorded values for it`);
    writeHistory(found, options.format);
    return EXIT.ok;
  }
  return showWorkspacesHistory(roots, kpi, options);
}

/**
 * Several workspaces below (issue #18): a section for each workspace that holds the KPI or recorded
 * values for it (the same id in two workspaces is two KPIs); none holding it is the same error as one.
 * A workspace that cannot be loaded is named on stderr and gives exit 2.
 */
async function showWorkspacesHistory(
  roots: readonly string[],
  kpi: string,
  options: HistoryCommandOptions,
): Promise<number> {
  const cwd = process.cwd();
  const sections: { workspace: string; root: string; found: WorkspaceHistory }[] = [];
  let exitCode: number = EXIT.ok;
  for (const root of roots) {
    try {
      const found = await workspaceHistory(root, kpi, options.limit);
      if (found) sections.push({ workspace: workspaceFolder(root, cwd), root, found });
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      exitCode = EXIT.cannotRun;
      process.stderr.write(
        `kpi: ${escapeControl(workspaceFolder(root, cwd))}: ${escapeControl(error.message)}\n`,
      );
    }
  }
  if (sections.length === 0) {
    throw new CliError(
      `no KPI "${kpi}" in any of the ${roots.length} workspaces below and no recorded values for it`,
    );
  }
  if (options.format === "json") {
    const workspaces = sections.map(({ workspace, found }) => ({ workspace, records: found.records }));
    process.stdout.write(`${JSON.stringify({ kpi, workspaces }, null, 2)}\n`);
  } else {
    for (const { root, found } of sections) {
      writeWorkspaceHeading(root, cwd);
      writeHistory(found, "table");
    }
  }
  return exitCode;
}

interface WorkspaceHistory {
  kpi: string;
  workspace: Workspace;
  records: HistoryRecord[];
}

/** A workspace's recorded values of the KPI; undefined when it neither defines nor recorded it. */
async function workspaceHistory(
  root: string,
  kpi: string,
  limit: number,
): Promise<WorkspaceHistory | undefined> {
  const workspace = await loadWorkspace(root).catch((error: unknown) => {
    if (error instanceof RunnerError) throw new CliError(error.message);
    throw error;
  });
  const records = await readHistory(root, kpi, { limit });
  if (records.length === 0 && !workspace.kpi(kpi)) return undefined;
  return { kpi, workspace, records };
}

function writeHistory({ kpi, workspace, records }: WorkspaceHistory, format: "table" | "json"): void {
  if (format === "json") {
    process.stdout.write(`${JSON.stringify({ kpi, records }, null, 2)}\n`);
    return;
  }
  const display = kpiDisplays(workspace).get(kpi) ?? {};
  // A committed history file is as untrusted as the KPI files: its text reaches the terminal escaped.
  const table = formatHistoryTable(kpi, escapeControlDeep(records), escapeControlDeep(display), {
    color: useColor(),
    calendar: workspaceCalendar(workspace),
  });
  process.stdout.write(table);
}
