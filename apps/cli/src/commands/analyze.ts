import { escapeControl } from "@kpi-as-code/core";
import {
  analyzeLeadLag,
  HistoryPathError,
  type LeadLagAnalysis,
  RunnerError,
  writeAnalysis,
} from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import { formatLeadLagJson, formatLeadLagText } from "../analysis-output/lead-lag-text.js";
import { CliError, EXIT } from "../cli-error.js";
import { parseCount, parseDate, parseSeconds } from "../options.js";
import { addTrustOptions, runnerTrust, type TrustCommandOptions } from "../trust-options.js";
import { resolveWorkspaceDirs, workspaceFolder } from "../workspace-dir.js";

export interface AnalyzeCommandOptions extends TrustCommandOptions {
  dir?: string;
  today?: string;
  periods: number;
  maxLag: number;
  format: "table" | "json";
  record: boolean;
  timeout?: number;
}

export function analyzeCommand(): Command {
  const command = new Command("analyze")
    .description(
      "Test whether each goal's leading KPIs lead its lagging KPIs: the best lag, Pearson's r on the changes, and a verdict.",
    )
    .option(
      "--dir <dir>",
      "workspace folder (default: nearest folder upwards with a kpi.yaml, else every workspace below)",
    )
    .option("--today <date>", "fix today's date: the periods analysed end before it (YYYY-MM-DD)", parseDate)
    .option("--periods <n>", "how many complete periods of the lagging KPI's cadence", parseCount, 12)
    .option("--max-lag <k>", "the largest lag tried, in periods", parseCount, 3)
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--no-record", "do not keep the result in .kpi/analysis.json (which the editor's hover reads)")
    .option("--timeout <seconds>", "give up on a query after this many seconds", parseSeconds)
    .action(async (options: AnalyzeCommandOptions) => {
      const { text, exitCode } = await runAnalyze(options);
      process.stdout.write(text);
      process.exitCode = exitCode;
    });
  return addTrustOptions(command);
}

/**
 * The analysis as text or JSON, and the exit code `kpi run` would give: 1 when a pair's KPI could
 * not be computed, 2 when no pair could. Several workspaces below: each analysed on its own, the
 * text under a heading per workspace, the JSON grouped (`workspaces`), the worst exit code.
 */
export async function runAnalyze(
  options: AnalyzeCommandOptions,
): Promise<{ text: string; exitCode: number }> {
  const roots = resolveWorkspaceDirs(options.dir);
  if (roots.length === 1) {
    const { analysis, exitCode } = await analyzeWorkspace(roots[0] as string, options);
    // KPI ids are snake_case, but engine errors in notes may carry anything.
    const text = options.format === "json" ? formatLeadLagJson(analysis) : formatLeadLagText(analysis);
    return { text: escapeControl(text, { keep: "\n" }), exitCode };
  }
  const cwd = process.cwd();
  let worst: number = EXIT.ok;
  const parts: string[] = [];
  const workspaces: unknown[] = [];
  for (const root of roots) {
    const workspace = workspaceFolder(root, cwd);
    try {
      const { analysis, exitCode } = await analyzeWorkspace(root, options);
      worst = Math.max(worst, exitCode);
      if (options.format === "json")
        workspaces.push({ workspace, ...(JSON.parse(formatLeadLagJson(analysis)) as object) });
      else parts.push(`\n${escapeControl(workspace)}:\n${formatLeadLagText(analysis)}`);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      worst = EXIT.cannotRun;
      process.stderr.write(`kpi: ${escapeControl(workspace)}: ${escapeControl(error.message)}\n`);
      if (options.format === "json") workspaces.push({ workspace, error: error.message });
      else parts.push(`\n${escapeControl(workspace)}:\ncould not be analysed (see above)\n`);
    }
  }
  const text = options.format === "json" ? `${JSON.stringify({ workspaces }, null, 2)}\n` : parts.join("");
  return { text: escapeControl(text, { keep: "\n" }), exitCode: worst };
}

/** One workspace's analysis (recorded unless --no-record) and its exit code. */
async function analyzeWorkspace(
  root: string,
  options: AnalyzeCommandOptions,
): Promise<{ analysis: LeadLagAnalysis; exitCode: number }> {
  let analysis: LeadLagAnalysis;
  try {
    analysis = await analyzeLeadLag({
      root,
      periods: options.periods,
      maxLag: options.maxLag,
      ...(options.today ? { today: options.today } : {}),
      ...(options.timeout !== undefined ? { timeoutMs: options.timeout * 1000 } : {}),
      ...runnerTrust(options),
    });
  } catch (error) {
    if (error instanceof RunnerError) throw new CliError(error.message, EXIT.cannotRun);
    throw error;
  }
  if (options.record) {
    try {
      await writeAnalysis(root, analysis);
    } catch (error) {
      if (!(error instanceof HistoryPathError)) throw error;
      process.stderr.write(`kpi: ${escapeControl(error.message)}\n`);
    }
  }
  const failed = analysis.pairs.filter((pair) => pair.note === "error").length;
  const exitCode = failed === 0 ? EXIT.ok : failed === analysis.pairs.length ? EXIT.cannotRun : EXIT.failed;
  return { analysis, exitCode };
}
