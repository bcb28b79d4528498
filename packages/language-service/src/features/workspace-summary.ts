import { join } from "node:path";
import { formatValue, type KpiEntry, type KpiFile, type Workspace } from "@kpi-as-code/core";
import type { LatestValue, Status } from "@kpi-as-code/runner";
import { expectedValue } from "@kpi-as-code/runner/pace";
import type { WorkspaceState } from "../state/workspace-state.js";
import { paceSummary } from "../values/pace-summary.js";

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
  /** What the target path expects at the end of the latest value's period, formatted (spec 5.1). */
  expected: string | undefined;
  /** `expected 27.9% now, 30% by 2026-12-31`; undefined without a target or a value. */
  pace: string | undefined;
  period: { start: string; end: string } | undefined;
  recordedAt: string | undefined;
}

/** The custom request an editor sends for a WorkspaceSummary (params: WorkspaceSummaryParams). */
export const WORKSPACE_SUMMARY_REQUEST = "kpi/workspaceSummary";

export interface WorkspaceSummaryParams {
  /**
   * Absolute path of the folder holding kpi.yaml, or of a folder holding several workspaces; absent:
   * every workspace the server serves.
   */
  root?: string;
}

/**
 * The language server's answer: the workspace at `root` as a WorkspaceSummary (empty goals when
 * `root` is not a workspace itself), and `workspaces`, the summary of every workspace it serves at
 * or below `root` (all of them without one), by root, so that a status bar can sum them.
 */
export interface WorkspaceSummaries extends WorkspaceSummary {
  workspaces: WorkspaceSummary[];
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

function expectedFields(
  data: KpiEntry["data"],
  period: { start: string; end: string } | undefined,
): Pick<KpiSummary, "expected" | "pace"> {
  const expected = period ? expectedValue(data as Pick<KpiFile, "target">, period) : null;
  if (!period || expected === null) return { expected: undefined, pace: undefined };
  return {
    expected: formatValue(expected, data, { compact: true }),
    pace: paceSummary(data as Partial<KpiFile>, period),
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
    ...expectedFields(data, latest?.period),
    period: latest?.period,
    recordedAt: latest?.recordedAt,
  };
}
