/**
 * What the goals/KPIs view and the status bar show. The types and the request come from the language
 * service (type-only here: the client bundle stays free of it), which the server answers with
 * (`kpi/workspaceSummary`) and the out-of-process summary worker prints.
 */
import type { KpiSummary, WorkspaceSummary } from "@kpi-as-code/language-service";

export type {
  GoalSummary,
  KpiSummary,
  WorkspaceSummaries,
  WorkspaceSummary,
  WorkspaceSummaryParams,
} from "@kpi-as-code/language-service";

/** The custom request for a WorkspaceSummary (the language service's WORKSPACE_SUMMARY_REQUEST). */
export const WORKSPACE_SUMMARY_REQUEST = "kpi/workspaceSummary";

export type KpiStatus = NonNullable<KpiSummary["status"]>;

export const STATUSES: readonly KpiStatus[] = [
  "on_track",
  "at_risk",
  "off_track",
  "no_data",
  "no_target",
  "error",
];

export function isKpiStatus(value: unknown): value is KpiStatus {
  return typeof value === "string" && (STATUSES as readonly string[]).includes(value);
}

/** How many KPIs are in each status (KPIs never run are left out). */
export function countStatuses(summary: WorkspaceSummary): Record<KpiStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<KpiStatus, number>;
  for (const kpi of allKpis(summary)) if (kpi.status) counts[kpi.status] += 1;
  return counts;
}

export function allKpis(summary: WorkspaceSummary): KpiSummary[] {
  return [...summary.goals.flatMap((goal) => goal.kpis), ...summary.unaligned];
}

/** One look per status (theme icon and colour ids), shared by the tree view and the status bar. */
export const STATUS_STYLE: Record<KpiStatus, { label: string; icon: string; color: string | undefined }> = {
  on_track: { label: "on track", icon: "pass-filled", color: "testing.iconPassed" },
  at_risk: { label: "at risk", icon: "warning", color: "list.warningForeground" },
  off_track: { label: "off track", icon: "error", color: "list.errorForeground" },
  no_data: { label: "no data", icon: "circle-slash", color: undefined },
  no_target: { label: "no target", icon: "circle-large-outline", color: undefined },
  error: { label: "error", icon: "bug", color: "list.errorForeground" },
};
