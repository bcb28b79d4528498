import { escapeControl } from "@kpi-as-code/core";
import { explainChange, RunnerError } from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import { formatWhyJson, formatWhyText } from "../analysis-output/why-text.js";
import { CliError, EXIT } from "../cli-error.js";
import { explicitPeriod, parseDate, parseSeconds } from "../options.js";
import { addTrustOptions, runnerTrust, type TrustCommandOptions } from "../trust-options.js";
import { resolveOneWorkspaceDir } from "../workspace-dir.js";

export interface WhyCommandOptions extends TrustCommandOptions {
  dir?: string;
  from?: string;
  to?: string;
  period?: string;
  today?: string;
  format: "text" | "json";
  timeout?: number;
}

export function whyCommand(): Command {
  const command = new Command("why")
    .description(
      "What moved a KPI: its change against the previous period split among its formula's inputs and, with segments, into mix and rate.",
    )
    .argument("<kpi>", "the KPI id")
    .option("--dir <dir>", "workspace folder (default: nearest folder upwards with a kpi.yaml)")
    .option("--from <date>", "period start, inclusive (YYYY-MM-DD)", parseDate)
    .option("--to <date>", "period end, exclusive (YYYY-MM-DD)", parseDate)
    .option("--period <period>", "a period: 2026-11, 2026-W47, 2026-Q4 or 2026-11-26")
    .option("--today <date>", "fix today's date, which picks the default period (YYYY-MM-DD)", parseDate)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--timeout <seconds>", "give up on a query after this many seconds", parseSeconds)
    .action(async (kpi: string, options: WhyCommandOptions) => {
      process.stdout.write(await runWhy(kpi, options));
    });
  return addTrustOptions(command);
}

export async function runWhy(kpi: string, options: WhyCommandOptions): Promise<string> {
  const root = resolveOneWorkspaceDir(options.dir, "why");
  const period = explicitPeriod(options);
  try {
    const why = await explainChange({
      root,
      kpi,
      ...(period ? { period } : {}),
      ...(options.period ? { periodShorthand: options.period } : {}),
      ...(options.today ? { today: options.today } : {}),
      ...(options.timeout !== undefined ? { timeoutMs: options.timeout * 1000 } : {}),
      ...runnerTrust(options),
    });
    return escapeControl(options.format === "json" ? formatWhyJson(why) : formatWhyText(why), { keep: "\n" });
  } catch (error) {
    if (error instanceof RunnerError) throw new CliError(error.message, EXIT.cannotRun);
    throw error;
  }
}
