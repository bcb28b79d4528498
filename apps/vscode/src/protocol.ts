/**
 * What the goals/KPIs view and the status bar show: the workspace's goals, each with its aligned
 * KPIs and their latest recorded values. Plain data, free of `vscode`, so the out-of-process
 * summary worker (and a language server answering `kpi/workspaceSummary`) can produce it.
 */

/** A custom LSP request the server may answer with a WorkspaceSummary (params: WorkspaceSummaryParams). */
export const WORKSPACE_SUMMARY_REQUEST = "kpi/workspaceSummary";

export interface WorkspaceSummaryParams {
  /** Absolute path of the folder holding kpi.yaml. */
  root: string;
}

export type KpiStatus = "on_track" | "at_risk" | "off_track" | "no_data" | "no_target" | "error";

export interface KpiSummary {
  id: string;
  name: string | undefined;
  /** Absolute path of the KPI file. */
  file: string;
  core: boolean;
  /** The latest recorded value, formatted in the KPI's unit; undefined when it never ran. */
  display: string | undefined;
  status: KpiStatus | undefined;
  period: { start: string; end: string } | undefined;
  recordedAt: string | undefined;
}

export interface GoalSummary {
  id: string;
  statement: string | undefined;
  kpis: KpiSummary[];
}

export interface WorkspaceSummary {
  root: string;
  project: string | undefined;
  goals: GoalSummary[];
  /** KPIs whose `goal` names no goal of kpi.yaml (an `alignment/unknown-goal` error) or is missing. */
  unaligned: KpiSummary[];
}

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
