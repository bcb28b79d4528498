import { escapeControl } from "@kpi-as-code/core";
import { computeFunnels, RunnerError } from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import { formatFunnelJson, formatFunnelText } from "../analysis-output/funnel-text.js";
import { CliError, EXIT } from "../cli-error.js";
import { explicitPeriod, parseDate, parseSeconds } from "../options.js";
import { addTrustOptions, runnerTrust, type TrustCommandOptions } from "../trust-options.js";
import { resolveOneWorkspaceDir } from "../workspace-dir.js";

export interface FunnelCommandOptions extends TrustCommandOptions {
  dir?: string;
  from?: string;
  to?: string;
  period?: string;
  today?: string;
  format: "table" | "json";
  timeout?: number;
}

export function funnelCommand(): Command {
  const command = new Command("funnel")
    .description(
      "Compute the funnels of kpi.yaml for one period: each step, the conversion from the previous and the first step, and the biggest drop.",
    )
    .argument("[name]", "only this funnel")
    .option("--dir <dir>", "workspace folder (default: nearest folder upwards with a kpi.yaml)")
    .option("--from <date>", "period start, inclusive (YYYY-MM-DD)", parseDate)
    .option("--to <date>", "period end, exclusive (YYYY-MM-DD)", parseDate)
    .option("--period <period>", "a period: 2026-11, 2026-W47, 2026-Q4 or 2026-11-26")
    .option("--today <date>", "fix today's date, which picks the default period (YYYY-MM-DD)", parseDate)
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--timeout <seconds>", "give up on a query after this many seconds", parseSeconds)
    .action(async (name: string | undefined, options: FunnelCommandOptions) => {
      process.stdout.write(await runFunnel(name, options));
    });
  return addTrustOptions(command);
}

export async function runFunnel(name: string | undefined, options: FunnelCommandOptions): Promise<string> {
  const root = resolveOneWorkspaceDir(options.dir, "funnel");
  const period = explicitPeriod(options);
  try {
    const funnels = await computeFunnels({
      root,
      ...(name !== undefined ? { funnel: name } : {}),
      ...(period ? { period } : {}),
      ...(options.period ? { periodShorthand: options.period } : {}),
      ...(options.today ? { today: options.today } : {}),
      ...(options.timeout !== undefined ? { timeoutMs: options.timeout * 1000 } : {}),
      ...runnerTrust(options),
    });
    const text = options.format === "json" ? formatFunnelJson(funnels) : formatFunnelText(funnels);
    return escapeControl(text, { keep: "\n" });
  } catch (error) {
    if (error instanceof RunnerError) throw new CliError(error.message, EXIT.cannotRun);
    throw error;
  }
}
