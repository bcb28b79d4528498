import { escapeControl, type KpiFile, type ProjectFile, type Workspace } from "@kpi-as-code/core";
import type { RunResult, Status } from "@kpi-as-code/runner";
import { HistoryPathError, latestValues } from "@kpi-as-code/runner/history";
import { CliError, EXIT } from "../cli-error.js";
import { isUntrusted, type TrustCommandOptions } from "../trust-options.js";

/** An unreviewed kpi.yaml could route alerts, and \${env:…} values in their URLs, to anyone: refused up front. */
export function refuseUntrustedNotify(options: TrustCommandOptions & { notify?: boolean }): void {
  if (options.notify && isUntrusted(options)) {
    throw new CliError("--notify is not available in an untrusted run", EXIT.cannotRun);
  }
}

/**
 * `kpi run --notify`, in two steps around the recording of the run: `prepareNotify` reads each KPI's
 * latest recorded status first (the alerts' `previous_status`), the returned function delivers once the
 * run is recorded. The notify package (and nodemailer) load only when --notify is given.
 */
export async function prepareNotify(
  root: string,
  workspace: Workspace,
): Promise<(run: RunResult) => Promise<number>> {
  const latest = await latestValues(root).catch(() => ({}) as Awaited<ReturnType<typeof latestValues>>);
  const previous = new Map<string, Status>(
    Object.entries(latest).map(([kpi, value]) => [kpi, value.latest.status]),
  );
  return async (run) => {
    const project = workspace.project;
    if (!project?.valid || !project.data.alerts?.routes?.length) {
      process.stderr.write("kpi: --notify: kpi.yaml has no alerts routes, nothing to send\n");
      return EXIT.ok;
    }
    const { kpiFacts, NotifyLockBusyError, notifyRun } = await import("@kpi-as-code/notify");
    const kpis = workspace.kpis.filter((entry) => entry.valid).map((entry) => entry.data as KpiFile);
    let outcomes: Awaited<ReturnType<typeof notifyRun>>;
    try {
      outcomes = await notifyRun(
        {
          root,
          project: project.data as ProjectFile,
          results: run.results,
          facts: kpiFacts(kpis),
          previousStatus: (kpi) => previous.get(kpi) ?? null,
        },
        backoffFromEnvironment(),
      );
    } catch (error) {
      // An unsafe .kpi/alerts (a symlink), a lock held for too long: the values are recorded, nothing was sent.
      if (!(error instanceof HistoryPathError) && !(error instanceof NotifyLockBusyError)) throw error;
      process.stderr.write(`kpi: alerts not sent: ${escapeControl(error.message)}\n`);
      return EXIT.failed;
    }
    let failed = false;
    for (const outcome of outcomes) {
      const what = `${outcome.alerts} alert(s), ${outcome.resolved} resolved`;
      if (outcome.error === undefined) {
        process.stderr.write(`kpi: notified channel "${outcome.channel}" (${outcome.type}): ${what}\n`);
        continue;
      }
      failed = true;
      const tries = outcome.attempts > 0 ? ` after ${outcome.attempts} attempt(s)` : "";
      process.stderr.write(
        `kpi: channel "${outcome.channel}" (${outcome.type}) failed${tries}: ${escapeControl(outcome.error)}; ${what} kept for the next --notify\n`,
      );
    }
    return failed ? EXIT.failed : EXIT.ok;
  };
}

/**
 * `KPI_NOTIFY_BACKOFF_MS=0,0` replaces the pauses between delivery attempts (default 1 s, then 3 s):
 * for tests, and for CI jobs that would rather fail fast.
 */
function backoffFromEnvironment(): { backoffMs?: number[] } {
  const text = process.env.KPI_NOTIFY_BACKOFF_MS;
  if (!text) return {};
  const delays = text.split(",").map(Number);
  return delays.every((delay) => Number.isFinite(delay) && delay >= 0) ? { backoffMs: delays } : {};
}
