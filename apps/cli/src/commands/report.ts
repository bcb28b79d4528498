import { mkdir, writeFile } from "node:fs/promises";
import { dirname, extname, join, relative, resolve } from "node:path";
import { escapeControl, todayDate } from "@kpi-as-code/core";
import {
  buildReportModel,
  type ReportModel,
  renderReportHtml,
  type TrendPoint,
  type TrendSource,
  trendFromHistory,
  trendFromSeries,
} from "@kpi-as-code/report";
import {
  GRAINS,
  type Grain,
  type HistoryRecord,
  loadWorkspace,
  type Period,
  RunnerError,
  type RunOptions,
  type RunResult,
  readHistory,
  runWorkspace,
  type Status,
  workspaceCalendar,
} from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import { reportAnalysis } from "../analysis-output/report-analysis.js";
import { CliError, EXIT } from "../cli-error.js";
import { explicitPeriod, parseDate, parseSeconds } from "../options.js";
import { statusesExitCode } from "../run-output/exit-code.js";
import { writeNotices } from "../run-output/notices.js";
import {
  addTrustOptions,
  type RunnerTrust,
  runnerTrust,
  type TrustCommandOptions,
} from "../trust-options.js";
import { forEachWorkspace, resolveWorkspaceDirs } from "../workspace-dir.js";

export interface ReportCommandOptions extends TrustCommandOptions {
  dir?: string;
  out: string;
  from?: string;
  to?: string;
  grain?: Grain;
  today?: string;
  timeout?: number;
}

type Trends = Map<string, { source: TrendSource; grain?: Grain; points: TrendPoint[] }>;

/** Recorded values read per KPI: plenty of periods, even with many re-runs of each. */
const HISTORY_LIMIT = 1000;
/** Months computed when a KPI has no recorded history, so that the first report is not empty. */
const FALLBACK_MONTHS = 12;

export function reportCommand(): Command {
  const command = new Command("report")
    .description("Write a self-contained HTML dashboard: goals, KPIs, trends, targets, breakdowns, health.")
    .option(
      "--dir <dir>",
      "workspace folder (default: nearest folder upwards with a kpi.yaml, else every workspace below)",
    )
    .option(
      "--out <file>",
      "the HTML file to write (several workspaces: report/<folder>.html)",
      "report.html",
    )
    .option("--from <date>", "period start, inclusive (YYYY-MM-DD)", parseDate)
    .option("--to <date>", "period end, exclusive (YYYY-MM-DD)", parseDate)
    .addOption(
      new Option("--grain <grain>", "draw trends computed by this grain instead of the history").choices(
        GRAINS,
      ),
    )
    .option("--today <date>", "fix today's date, which picks the default periods (YYYY-MM-DD)", parseDate)
    .option("--timeout <seconds>", "give up on a query after this many seconds", parseSeconds)
    .action(async (options: ReportCommandOptions) => {
      process.exitCode = await writeReport(options);
    });
  return addTrustOptions(command);
}

export async function writeReport(options: ReportCommandOptions): Promise<number> {
  const period = explicitPeriod(options);
  const roots = resolveWorkspaceDirs(options.dir);
  const trust = runnerTrust(options);
  if (roots.length === 1)
    return writeWorkspaceReport(roots[0] as string, options.out, { ...options, period, trust });
  // Several workspaces below: one dashboard each, `report.html` becoming `report/<folder>.html`.
  const ext = extname(options.out) || ".html";
  const stem = options.out.slice(0, options.out.length - extname(options.out).length);
  return forEachWorkspace(roots, (root) =>
    writeWorkspaceReport(root, join(stem, `${relative(process.cwd(), root)}${ext}`), {
      ...options,
      period,
      trust,
    }),
  );
}

async function writeWorkspaceReport(
  root: string,
  outOption: string,
  options: ReportOptions,
): Promise<number> {
  const { model, run } = await buildReport(root, options);
  // The same source notices as `kpi run` (a missing connector, a capped scan), once per source.
  writeNotices(run);
  const out = resolve(outOption);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, renderReportHtml(model));
  const { health } = model;
  process.stdout.write(
    `Wrote ${escapeControl(outOption)}: ${health.total} KPIs, ${health.onTrack} on track, ${health.atRisk} at risk, ` +
      `${health.offTrack} off track, ${health.withoutData} without data.\n`,
  );
  // The same exit codes as `kpi run`: 2 when no KPI could be computed, 1 when some are in error.
  const code = connectorMissing(run) ? EXIT.cannotRun : statusesExitCode(reportStatuses(model));
  if (code === EXIT.cannotRun)
    process.stderr.write("kpi: no KPI could be computed (see the errors in the report).\n");
  return code;
}

/** Spec section 6, as `kpi run`: a source whose connector is not installed cannot run at all. */
function connectorMissing(run: RunResult): boolean {
  return run.notices?.some((notice) => notice.code === "source/connector-missing") === true;
}

function reportStatuses(model: ReportModel): Status[] {
  const views = [...model.goals.flatMap((goal) => [...goal.leading, ...goal.lagging]), ...model.unaligned];
  return views.map((view) => view.status);
}

interface ReportOptions {
  period: Period | undefined;
  grain?: Grain | undefined;
  today?: string | undefined;
  trust?: RunnerTrust | undefined;
  timeout?: number | undefined;
}

/**
 * Computes the current values (not recorded: a report only looks), reads the history for the
 * trends and status changes, and computes a monthly series for KPIs that have no history yet.
 */
export async function reportModel(root: string, options: ReportOptions): Promise<ReportModel> {
  return (await buildReport(root, options)).model;
}

async function buildReport(
  root: string,
  options: ReportOptions,
): Promise<{ model: ReportModel; run: RunResult }> {
  const today = options.today ?? todayDate();
  return withRunnerErrors(async () => {
    const workspace = await loadWorkspace(root);
    const base: RunOptions = {
      root,
      workspace,
      today,
      ...options.trust,
      ...(options.timeout !== undefined ? { timeoutMs: options.timeout * 1000 } : {}),
    };
    const run = await runWorkspace({ ...base, ...(options.period ? { period: options.period } : {}) });
    const history = await readAllHistory(root, run);
    const trends: Trends = new Map();
    if (options.grain) {
      const series = await computedSeries(base, options.period ?? lastMonths(today), options.grain);
      for (const [kpi, points] of series)
        trends.set(kpi, { source: "computed", grain: options.grain, points });
    } else {
      const calendar = workspaceCalendar(workspace);
      for (const result of run.results) {
        // Only periods of the KPI's cadence: one line never mixes months with a recorded quarter.
        const cadence = workspace.kpi(result.kpi)?.data.cadence;
        const points = trendFromHistory(history.get(result.kpi) ?? [], result.version, cadence, calendar);
        if (points.length > 0) trends.set(result.kpi, { source: "history", points });
      }
      const missing = run.results.map((result) => result.kpi).filter((kpi) => !trends.has(kpi));
      if (missing.length > 0) {
        const series = await computedSeries({ ...base, kpis: missing }, lastMonths(today), "month");
        for (const kpi of missing) trends.set(kpi, { source: "computed", points: series.get(kpi) ?? [] });
      }
    }
    const model = buildReportModel({ workspace, run, trends, history, today });
    const analysis = await reportAnalysis(
      { ...base, ...(options.period ? { period: options.period } : {}) },
      model,
    );
    if (analysis) model.analysis = analysis;
    return { model, run };
  });
}

async function computedSeries(
  options: RunOptions,
  period: Period,
  grain: Grain,
): Promise<Map<string, TrendPoint[]>> {
  const run = await runWorkspace({ ...options, period, grain, breakdowns: false });
  return new Map(run.results.map((result) => [result.kpi, trendFromSeries(result.series ?? [])]));
}

async function readAllHistory(root: string, run: RunResult): Promise<Map<string, HistoryRecord[]>> {
  const entries = await Promise.all(
    run.results.map(
      async (result) => [result.kpi, await readHistory(root, result.kpi, { limit: HISTORY_LIMIT })] as const,
    ),
  );
  return new Map(entries);
}

/** The last FALLBACK_MONTHS complete calendar months before today. */
export function lastMonths(today: string, months = FALLBACK_MONTHS): Period {
  const [year, month] = today.split("-").map(Number) as [number, number];
  const end = new Date(Date.UTC(year, month - 1, 1));
  const start = new Date(Date.UTC(year, month - 1 - months, 1));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

async function withRunnerErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RunnerError) throw new CliError(error.message, EXIT.cannotRun);
    throw error;
  }
}
