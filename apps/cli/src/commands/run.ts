import { escapeControlDeep } from "@kpi-as-code/core";
import {
  GRAINS,
  type Grain,
  loadWorkspace,
  type Period,
  RunnerError,
  runWorkspace,
} from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import { CliError, EXIT } from "../cli-error.js";
import { explicitPeriod, parseDate, parseSeconds, useColor } from "../options.js";
import {
  cadenceWarnings,
  compareAndRecord,
  createProgress,
  FAIL_ON,
  type FailOn,
  formatRunJson,
  formatRunMarkdown,
  formatRunTable,
  runExitCode,
  runRows,
} from "../run-output/index.js";
import { writeNotices } from "../run-output/notices.js";
import { watchAndRun } from "../run-output/watch-run.js";
import { addTrustOptions, runnerTrust, type TrustCommandOptions } from "../trust-options.js";
import { forEachWorkspace, resolveWorkspaceDirs } from "../workspace-dir.js";
import { prepareNotify, refuseUntrustedNotify } from "./run-notify.js";

export const RUN_FORMATS = ["table", "json", "markdown"] as const;
export type RunFormat = (typeof RUN_FORMATS)[number];

export interface RunCommandOptions extends TrustCommandOptions {
  dir?: string;
  kpi?: string[];
  from?: string;
  to?: string;
  period?: string;
  grain?: Grain;
  format: RunFormat;
  record: boolean;
  failOn?: FailOn;
  watch?: boolean;
  today?: string;
  timeout?: number;
  notify?: boolean;
}

export function runCommand(): Command {
  const command = new Command("run")
    .description(
      "Compute KPIs from their sources, show them against their targets and record them in the history.",
    )
    .option("--dir <dir>", "workspace folder (default: nearest folder upwards with a kpi.yaml)")
    .option("--kpi <id...>", "only these KPIs (and what they need)")
    .option("--from <date>", "period start, inclusive (YYYY-MM-DD)", parseDate)
    .option("--to <date>", "period end, exclusive (YYYY-MM-DD)", parseDate)
    .option("--period <period>", "a period: 2026-11, 2026-W47, 2026-Q4 or 2026-11-26")
    .addOption(new Option("--grain <grain>", "also compute a series by this grain").choices(GRAINS))
    .addOption(new Option("--format <format>", "output format").choices(RUN_FORMATS).default("table"))
    .option("--no-record", "do not record this run in the history")
    .addOption(
      new Option("--fail-on <status>", "exit 1 when a KPI is at this status or worse").choices(FAIL_ON),
    )
    .option("--watch", "re-run affected KPIs when KPI files or their data files change")
    .option("--today <date>", "fix today's date, which picks the default periods (YYYY-MM-DD)", parseDate)
    .option("--timeout <seconds>", "give up on a query after this many seconds", parseSeconds)
    .option("--notify", "after recording, send the alerts of kpi.yaml's alerts section (new and resolved)")
    .action(async (options: RunCommandOptions) => {
      process.exitCode = await executeRun(options);
    });
  return addTrustOptions(command);
}

export async function executeRun(options: RunCommandOptions): Promise<number> {
  refuseUntrustedNotify(options);
  const period = explicitPeriod(options);
  const roots = resolveWorkspaceDirs(options.dir);
  if (roots.length > 1 && (options.watch || options.format === "json"))
    throw new CliError(
      `--watch and --format json take one workspace, and ${roots.length} were found below: pass --dir`,
    );
  if (options.watch) {
    const root = roots[0] as string;
    return watchAndRun(root, (kpis) => runOnce(root, options, period, kpis));
  }
  return forEachWorkspace(roots, (root) => runOnce(root, options, period, options.kpi));
}

/** One run: compute, compare with the history, record, print. Returns the exit code. */
export async function runOnce(
  root: string,
  options: RunCommandOptions,
  period: Period | undefined,
  kpis: string[] | undefined,
): Promise<number> {
  const progress = createProgress();
  let workspace: Awaited<ReturnType<typeof loadWorkspace>>;
  let run: Awaited<ReturnType<typeof runWorkspace>>;
  try {
    workspace = await loadWorkspace(root);
    run = await runWorkspace({
      root,
      workspace,
      ...(kpis ? { kpis } : {}),
      ...(period ? { period } : {}),
      ...(options.period ? { periodShorthand: options.period } : {}),
      ...(options.grain ? { grain: options.grain } : {}),
      ...(options.today ? { today: options.today } : {}),
      ...(options.timeout !== undefined ? { timeoutMs: options.timeout * 1000 } : {}),
      ...runnerTrust(options),
      onProgress: (done, total, kpi) => progress.onProgress(done, total, kpi ?? ""),
    });
  } catch (error) {
    if (error instanceof RunnerError) throw new CliError(error.message, EXIT.cannotRun);
    throw error;
  } finally {
    progress.finish();
  }
  const notify = options.notify ? await prepareNotify(root, workspace) : undefined;
  const context = await compareAndRecord(root, run, workspace, {
    record: options.record,
    compare: options.format !== "json",
    // The previous periods not in the history: a second, smaller run (no breakdowns, no series).
    compute: async (kpis, previous) =>
      (
        await runWorkspace({
          root,
          workspace,
          kpis,
          period: previous,
          breakdowns: false,
          ...(options.timeout !== undefined ? { timeoutMs: options.timeout * 1000 } : {}),
          ...runnerTrust(options),
        })
      ).results,
  });
  for (const warning of cadenceWarnings(run, context.displays, context.calendar))
    process.stderr.write(`kpi: ${warning}\n`);
  writeNotices(run);
  if (options.format === "json") {
    process.stdout.write(formatRunJson(run));
  } else {
    // Names and engine errors may carry control characters: shown escaped. Line breaks stay, each format folds them.
    const rows = escapeControlDeep(runRows(run, context), { keep: "\n" });
    process.stdout.write(
      options.format === "markdown"
        ? formatRunMarkdown(rows, run.period, context.calendar)
        : formatRunTable(rows, { color: useColor() }),
    );
  }
  const notified = notify ? await notify(run) : EXIT.ok;
  return Math.max(runExitCode(run, options.failOn), notified);
}
