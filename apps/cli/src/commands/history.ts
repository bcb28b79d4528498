import { escapeControlDeep } from "@kpi-as-code/core";
import { loadWorkspace, RunnerError, readHistory, workspaceCalendar } from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import { CliError } from "../cli-error.js";
import { parseCount, useColor } from "../options.js";
import { formatHistoryTable, kpiDisplays } from "../run-output/index.js";
import { resolveWorkspaceDir } from "../workspace-dir.js";

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
    .option("--dir <dir>", "workspace folder (default: nearest folder upwards with a kpi.yaml)")
    .option("--limit <n>", "how many recorded values to show", parseCount, DEFAULT_LIMIT)
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .action(async (kpi: string, options: HistoryCommandOptions) => {
      process.exitCode = await showHistory(kpi, options);
    });
}

export async function showHistory(kpi: string, options: HistoryCommandOptions): Promise<number> {
  if (!/^[a-z][a-z0-9_]*$/.test(kpi)) throw new CliError(`"${kpi}" is not a KPI id (snake_case expected)`);
  const root = resolveWorkspaceDir(options.dir);
  const workspace = await loadWorkspace(root).catch((error: unknown) => {
    if (error instanceof RunnerError) throw new CliError(error.message);
    throw error;
  });
  const records = await readHistory(root, kpi, { limit: options.limit });
  if (records.length === 0 && !workspace.kpi(kpi)) {
    throw new CliError(`no KPI "${kpi}" in the workspace and no recorded values for it`);
  }
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify({ kpi, records }, null, 2)}\n`);
  } else {
    const display = kpiDisplays(workspace).get(kpi) ?? {};
    // A committed history file is as untrusted as the KPI files: its text reaches the terminal escaped.
    const table = formatHistoryTable(kpi, escapeControlDeep(records), escapeControlDeep(display), {
      color: useColor(),
      calendar: workspaceCalendar(workspace),
    });
    process.stdout.write(table);
  }
  return 0;
}
