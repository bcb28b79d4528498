import { escapeControl } from "@kpi-as-code/core";
import type { RunNotice, RunResult } from "@kpi-as-code/runner";

/** A source-level notice, once per source with the KPIs it affects (never once per KPI). */
export function noticeLine(notice: RunNotice): string {
  const kpis = notice.kpis.length > 0 ? ` (KPIs: ${notice.kpis.join(", ")})` : "";
  return `kpi: ${notice.severity}: ${escapeControl(notice.message + kpis)}\n`;
}

export function writeNotices(run: RunResult, stream: NodeJS.WritableStream = process.stderr): void {
  for (const notice of run.notices ?? []) stream.write(noticeLine(notice));
}
