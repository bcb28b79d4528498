import { escapeControlDeep } from "@kpi-as-code/core";
import { type Explanation, explainKpi, GRAINS, type Grain, RunnerError } from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import pc from "picocolors";
import { CliError } from "../cli-error.js";
import { explicitPeriod, parseDate, useColor } from "../options.js";
import { resolveOneWorkspaceDir } from "../workspace-dir.js";

export interface ExplainCommandOptions {
  dir?: string;
  from?: string;
  to?: string;
  period?: string;
  grain?: Grain;
  today?: string;
  format: "text" | "json";
}

export function explainCommand(): Command {
  return new Command("explain")
    .description("Print the SQL a run of one KPI executes on each source, with its parameters.")
    .argument("<kpi>", "the KPI id")
    .option("--dir <dir>", "workspace folder (default: nearest folder upwards with a kpi.yaml)")
    .option("--from <date>", "period start, inclusive (YYYY-MM-DD)", parseDate)
    .option("--to <date>", "period end, exclusive (YYYY-MM-DD)", parseDate)
    .option("--period <period>", "a period: 2026-11, 2026-W47, 2026-Q4 or 2026-11-26")
    .addOption(new Option("--grain <grain>", "also show the series query of this grain").choices(GRAINS))
    .option("--today <date>", "fix today's date, which picks the default period (YYYY-MM-DD)", parseDate)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (kpi: string, options: ExplainCommandOptions) => {
      process.stdout.write(await runExplain(kpi, options));
    });
}

export async function runExplain(kpi: string, options: ExplainCommandOptions): Promise<string> {
  const root = resolveOneWorkspaceDir(options.dir, "explain");
  const period = explicitPeriod(options);
  try {
    const explanation = await explainKpi({
      root,
      kpi,
      ...(period ? { period } : {}),
      ...(options.period ? { periodShorthand: options.period } : {}),
      ...(options.grain ? { grain: options.grain } : {}),
      ...(options.today ? { today: options.today } : {}),
    });
    return options.format === "json"
      ? `${JSON.stringify(explanation, null, 2)}\n`
      : formatExplanation(explanation);
  } catch (error) {
    if (error instanceof RunnerError) throw new CliError(error.message);
    throw error;
  }
}

/** Statements grouped by source, each with what it computes and its parameters in order. */
export function formatExplanation(untrusted: Explanation, color = useColor()): string {
  // SQL keeps its line breaks and tabs; any other control character in it (or in a name) is shown, not acted on.
  const explanation = escapeControlDeep(untrusted, { keep: "\n\t" });
  const paint = pc.createColors(color);
  const lines = [
    `${paint.bold(explanation.kpi)} for ${explanation.period.start} .. ${explanation.period.end} (end exclusive)`,
  ];
  if (explanation.problem) lines.push(paint.red(`cannot be computed: ${explanation.problem}`));
  const sources = [...new Set(explanation.statements.map((statement) => statement.source))];
  for (const source of sources) {
    const statements = explanation.statements.filter((statement) => statement.source === source);
    lines.push("", paint.bold(`-- source ${source} (${statements[0]?.dialect})`));
    for (const statement of statements) {
      lines.push("", paint.dim(`-- ${statement.purpose}: ${statement.measures.join(", ")}`));
      if (statement.error) lines.push(paint.red(`-- not run: ${statement.error}`));
      else lines.push(`${statement.sql};`);
      statement.params.forEach((param, index) => {
        lines.push(paint.dim(`-- param ${index + 1} = ${JSON.stringify(param)}`));
      });
    }
  }
  return `${lines.join("\n")}\n`;
}
