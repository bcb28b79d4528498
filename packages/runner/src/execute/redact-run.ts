import { redactSecrets } from "@kpi-as-code/connection";
import type { KpiResult, RunResult } from "../types.js";

/**
 * The last pass over everything a run returns: every text (errors, notices, breakdown keys) goes
 * through the shared redaction with the run's secrets, whichever path it took to get there.
 */
export function redactRun(run: RunResult, secrets: readonly string[]): RunResult {
  const redact = (text: string) => redactSecrets(text, secrets);
  return {
    ...run,
    results: run.results.map((result) => redactResult(result, redact)),
    ...(run.notices
      ? {
          notices: run.notices.map((notice) => ({
            ...notice,
            message: redact(notice.message),
            ...(notice.code === "source/privileged-role" ? { role: redact(notice.role) } : {}),
          })),
        }
      : {}),
  };
}

function redactResult(result: KpiResult, redact: (text: string) => string): KpiResult {
  const breakdowns = result.breakdowns
    ? Object.fromEntries(
        Object.entries(result.breakdowns).map(([segment, rows]) => [
          segment,
          rows.map((row) => (row.key === null ? row : { ...row, key: redact(row.key) })),
        ]),
      )
    : undefined;
  return {
    ...result,
    ...(result.error === undefined ? {} : { error: redact(result.error) }),
    ...(breakdowns ? { breakdowns } : {}),
  };
}
