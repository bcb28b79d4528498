import { escapeControlDeep, type KpiFile } from "@kpi-as-code/core";
import { latestValues, loadWorkspace, RunnerError, runWorkspace } from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import { CliError, EXIT } from "../cli-error.js";
import { parseCount, parseDate, parseSeconds } from "../options.js";
import { buildAgenda } from "../review/build-agenda.js";
import { reviewMarkdown, valueDisplays } from "../review/review-markdown.js";
import { addTrustOptions, runnerTrust, type TrustCommandOptions } from "../trust-options.js";
import { resolveWorkspaceDir } from "../workspace-dir.js";

export const REVIEW_FORMATS = ["markdown", "json"] as const;

interface ReviewCommandOptions extends TrustCommandOptions {
  dir?: string;
  today?: string;
  within: number;
  owner?: string;
  format: (typeof REVIEW_FORMATS)[number];
  timeout?: number;
}

export function reviewCommand(): Command {
  const command = new Command("review")
    .description(
      "The review agenda: KPIs whose review.next falls by today + --within days, with status, value against expected, change, worst segment, action plan and the effect of started actions.",
    )
    .option("--dir <dir>", "workspace folder (default: nearest folder upwards with a kpi.yaml)")
    .option("--today <date>", "fix today's date (YYYY-MM-DD)", parseDate)
    .option("--within <days>", "also list reviews due within this many days", parseCount, 7)
    .option("--owner <id>", "only KPIs of this owner")
    .addOption(new Option("--format <format>", "output format").choices(REVIEW_FORMATS).default("markdown"))
    .option("--timeout <seconds>", "give up on a query after this many seconds", parseSeconds)
    .action(async (options: ReviewCommandOptions) => {
      process.exitCode = await executeReview(options);
    });
  return addTrustOptions(command);
}

async function executeReview(options: ReviewCommandOptions): Promise<number> {
  const root = resolveWorkspaceDir(options.dir);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  try {
    const workspace = await loadWorkspace(root);
    if (options.owner !== undefined && !Object.hasOwn(workspace.owners, options.owner)) {
      throw new CliError(
        `unknown owner "${options.owner}": not declared under owners in kpi.yaml`,
        EXIT.cannotRun,
      );
    }
    const latest = await latestValues(root).catch(() => ({}));
    const agenda = await buildAgenda(
      workspace,
      async (kpis, period) =>
        (
          await runWorkspace({
            root,
            workspace,
            kpis,
            today,
            ...(period ? { period } : {}),
            ...(options.timeout !== undefined ? { timeoutMs: options.timeout * 1000 } : {}),
            ...runnerTrust(options),
          })
        ).results,
      latest,
      { today, within: options.within, ...(options.owner !== undefined ? { owner: options.owner } : {}) },
    );
    if (options.format === "json") {
      const due = agenda.due.map(
        ({ kpi, owner, next, overdue, status, value, expected, previous_value, actions, ...rest }) => ({
          kpi,
          owner,
          next,
          overdue,
          status,
          value,
          expected,
          previous_value,
          actions,
          ...rest,
        }),
      );
      process.stdout.write(`${JSON.stringify({ today: agenda.today, due }, null, 2)}\n`);
    } else {
      const kpis = workspace.kpis.filter((entry) => entry.valid).map((entry) => entry.data as KpiFile);
      // Names and engine errors may carry control characters: shown escaped.
      process.stdout.write(reviewMarkdown(escapeControlDeep(agenda, { keep: "\n" }), valueDisplays(kpis)));
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof RunnerError) throw new CliError(error.message, EXIT.cannotRun);
    throw error;
  }
}
