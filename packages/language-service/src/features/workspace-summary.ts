import { join } from "node:path";
import { formatValue, type KpiEntry, type Workspace } from "@kpi-as-code/core";
import type { LatestValue, Status } from "@kpi-as-code/runner";
import type { WorkspaceState } from "../state/workspace-state.js";

/**
 * What an editor's goals/KPIs view and status bar show: the workspace's goals, each with its aligned
 * KPIs and their latest recorded values. Plain data: the language server answers it as the
 * `kpi/workspaceSummary` request, and the VS Code extension's summary worker prints it.
 */
export interface WorkspaceSummary {
  root: string;
  project: string | undefined;
  goals: GoalSummary[];
  /** KPIs whose `goal` names no goal of kpi.yaml (an `alignment/unknown-goal` error) or is missing. */
  unaligned: KpiSummary[];
}

export interface GoalSummary {
  id: string;
  statement: string | undefined;
  kpis: KpiSummary[];
}

export interface KpiSummary {
  id: string;
  name: string | undefined;
  /** Absolute path of the KPI file. */
  file: string;
  core: boolean;
  /** The latest recorded value, formatted in the KPI's unit; undefined when it never ran. */
  display: string | undefined;
  status: Status | undefined;
  period: { start: string; end: string } | undefined;
  recordedAt: string | undefined;
}

/** The custom request an editor sends for a WorkspaceSummary (params: WorkspaceSummaryParams). */
export const WORKSPACE_SUMMARY_REQUEST = "kpi/workspaceSummary";

export interface WorkspaceSummaryParams {
  /** Absolute path of the folder holding kpi.yaml. */
  root: string;
}

/** The summary of the state's workspace with the values it holds. */
export function workspaceSummary(state: WorkspaceState): WorkspaceSummary {
  return summarizeWorkspace(state.root, state.workspace, state.values);
}

/** Goals in kpi.yaml order, each with its aligned KPIs (sorted by id) and their latest values. */
export function summarizeWorkspace(
  root: string,
  workspace: Workspace,
  latest: Readonly<Record<string, LatestValue>>,
): WorkspaceSummary {
  const goals = new Map<string, GoalSummary>();
  for (const [id, goal] of Object.entries(workspace.goals)) {
    const statement = (goal as { statement?: unknown } | null)?.statement;
    goals.set(id, { id, statement: typeof statement === "string" ? statement : undefined, kpis: [] });
  }
  const unaligned: KpiSummary[] = [];
  const entries = workspace.kpis
    .filter((entry) => entry.id)
    .sort((a, b) => (a.id ?? "").localeCompare(b.id ?? ""));
  for (const entry of entries) {
    const kpi = summarizeKpi(root, entry, latest[entry.id ?? ""]);
    const goal = typeof entry.data.goal === "string" ? goals.get(entry.data.goal) : undefined;
    (goal?.kpis ?? unaligned).push(kpi);
  }
  const project = workspace.project?.data.project;
  return {
    root,
    project: typeof project === "string" ? project : undefined,
    goals: [...goals.values()],
    unaligned,
  };
}

function summarizeKpi(root: string, entry: KpiEntry, value: LatestValue | undefined): KpiSummary {
  const { data } = entry;
  const latest = value?.latest;
  return {
    id: entry.id ?? "",
    name: typeof data.name === "string" ? data.name : undefined,
    file: join(root, entry.file),
    core: data.core === true,
    // The same formatter as `kpi run` and the editor hints.
    display: latest ? formatValue(latest.value, data, { compact: true }) : undefined,
    status: latest?.status,
    period: latest?.period,
    recordedAt: latest?.recordedAt,
  };
}
