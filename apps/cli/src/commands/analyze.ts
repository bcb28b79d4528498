import { escapeControl } from "@kpi-as-code/core";
import { analyzeLeadLag, HistoryPathError, RunnerError, writeAnalysis } from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import { formatLeadLagJson, formatLeadLagText } from "../analysis-output/lead-lag-text.js";
import { CliError, EXIT } from "../cli-error.js";
import { parseCount, parseDate, parseSeconds } from "../options.js";
import { addTrustOptions, runnerTrust, type TrustCommandOptions } from "../trust-options.js";
import { resolveWorkspaceDir } from "../workspace-dir.js";

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
    .option("--dir <dir>", "workspace folder (default: nearest folder upwards with a kpi.yaml)")
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
 * not be computed, 2 when no pair could.
 */
export async function runAnalyze(
  options: AnalyzeCommandOptions,
): Promise<{ text: string; exitCode: number }> {
  const root = resolveWorkspaceDir(options.dir);
  let analysis: Awaited<ReturnType<typeof analyzeLeadLag>>;
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
  // KPI ids are snake_case, but engine errors in notes may carry anything.
  const text = options.format === "json" ? formatLeadLagJson(analysis) : formatLeadLagText(analysis);
  const failed = analysis.pairs.filter((pair) => pair.note === "error").length;
  const exitCode = failed === 0 ? EXIT.ok : failed === analysis.pairs.length ? EXIT.cannotRun : EXIT.failed;
  return { text: escapeControl(text, { keep: "\n" }), exitCode };
}
