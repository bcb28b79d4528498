import { relative } from "node:path";
import {
  escapeControl,
  escapeControlDeep,
  type KpiFile,
  toPosix,
  type ValueDisplay,
  type Workspace,
} from "@kpi-as-code/core";
import { latestValues, loadWorkspace, RunnerError, runWorkspace } from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import { CliError, EXIT } from "../cli-error.js";
import { parseCount, parseDate, parseSeconds } from "../options.js";
import { buildAgenda } from "../review/build-agenda.js";
import {
  reviewMarkdown,
  valueDisplays,
  type WorkspaceReview,
  workspacesReviewMarkdown,
} from "../review/review-markdown.js";
import type { ReviewAgenda } from "../review/review-types.js";
import { addTrustOptions, runnerTrust, type TrustCommandOptions } from "../trust-options.js";
import { resolveWorkspaceDirs } from "../workspace-dir.js";

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
    .option(
      "--dir <dir>",
      "workspace folder (default: nearest folder upwards with a kpi.yaml, else every workspace below)",
    )
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
  const roots = resolveWorkspaceDirs(options.dir);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (roots.length === 1) {
    const root = roots[0] as string;
    const workspace = await withRunnerErrors(() => loadWorkspace(root));
    if (options.owner !== undefined && !Object.hasOwn(workspace.owners, options.owner)) {
      throw new CliError(
        `unknown owner "${options.owner}": not declared under owners in kpi.yaml`,
        EXIT.cannotRun,
      );
    }
    const { agenda, displays } = await withRunnerErrors(() =>
      workspaceAgenda(root, workspace, today, options),
    );
    if (options.format === "json") process.stdout.write(`${JSON.stringify(agendaJson(agenda), null, 2)}\n`);
    // Names and engine errors may carry control characters: shown escaped.
    else process.stdout.write(reviewMarkdown(escapeControlDeep(agenda, { keep: "\n" }), displays));
    return EXIT.ok;
  }
  return reviewWorkspaces(roots, today, options);
}

/**
 * Several workspaces below (issue #18): one agenda per workspace, in one document grouped by
 * workspace. A workspace that cannot be loaded or computed gets its error in its section (exit 2);
 * `--owner` must be declared in at least one workspace, and filters the others to nothing.
 */
async function reviewWorkspaces(
  roots: readonly string[],
  today: string,
  options: ReviewCommandOptions,
): Promise<number> {
  const cwd = process.cwd();
  const loaded = await Promise.all(
    roots.map(async (root) => {
      const workspace = toPosix(relative(cwd, root));
      try {
        return { root, workspace, loaded: await loadWorkspace(root) };
      } catch (error) {
        if (error instanceof RunnerError) return { root, workspace, error: error.message };
        throw error;
      }
    }),
  );
  if (
    options.owner !== undefined &&
    !loaded.some((entry) => entry.loaded && Object.hasOwn(entry.loaded.owners, options.owner as string))
  ) {
    throw new CliError(
      `unknown owner "${options.owner}": not declared under owners in the kpi.yaml of any of the ${roots.length} workspaces below`,
      EXIT.cannotRun,
    );
  }
  const reviews: WorkspaceReview[] = [];
  let exitCode: number = EXIT.ok;
  for (const entry of loaded) {
    let error = entry.error;
    if (entry.loaded) {
      try {
        reviews.push({
          workspace: entry.workspace,
          ...(await workspaceAgenda(entry.root, entry.loaded, today, options)),
        });
        continue;
      } catch (caught) {
        if (!(caught instanceof RunnerError)) throw caught;
        error = caught.message;
      }
    }
    exitCode = EXIT.cannotRun;
    process.stderr.write(`kpi: ${escapeControl(entry.workspace)}: ${escapeControl(error ?? "")}\n`);
    reviews.push({ workspace: entry.workspace, error: error ?? "" });
  }
  if (options.format === "json") {
    const workspaces = reviews.map(({ workspace, agenda, error }) =>
      agenda ? { workspace, ...agendaJson(agenda) } : { workspace, error },
    );
    process.stdout.write(`${JSON.stringify({ today, workspaces }, null, 2)}\n`);
  } else {
    process.stdout.write(workspacesReviewMarkdown(today, escapeControlDeep(reviews, { keep: "\n" })));
  }
  return exitCode;
}

/** One workspace's agenda and how its KPIs' values are written. */
async function workspaceAgenda(
  root: string,
  workspace: Workspace,
  today: string,
  options: ReviewCommandOptions,
): Promise<{ agenda: ReviewAgenda; displays: Map<string, ValueDisplay> }> {
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
  const kpis = workspace.kpis.filter((entry) => entry.valid).map((entry) => entry.data as KpiFile);
  return { agenda, displays: valueDisplays(kpis) };
}

/** Spec 5.3's JSON: the due KPIs with the spec's fields first. */
function agendaJson(agenda: ReviewAgenda) {
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
  return { today: agenda.today, due };
}

async function withRunnerErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RunnerError) throw new CliError(error.message, EXIT.cannotRun);
    throw error;
  }
}
