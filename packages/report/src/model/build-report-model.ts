import { asRecord, type Workspace } from "@kpi-as-code/core";
import {
  type Grain,
  type HistoryRecord,
  type KpiResult,
  previousPeriod,
  type RunResult,
  type Status,
  workspaceCalendar,
} from "@kpi-as-code/runner";
import { kpiTree, uniqueKpis } from "./kpi-tree.js";
import { kpiView } from "./kpi-view.js";
import type {
  GoalView,
  HealthSummary,
  KpiView,
  OwnerRef,
  ReportModel,
  StatusChange,
  TrendPoint,
  TrendSource,
} from "./types.js";

export interface ReportInputs {
  workspace: Workspace;
  /** The current values (a run with breakdowns). */
  run: RunResult;
  /** Each KPI's trend, from the history or computed. */
  trends: ReadonlyMap<string, { source: TrendSource; grain?: Grain; points: TrendPoint[] }>;
  /** Each KPI's recorded values before this report, newest first: where status changes come from. */
  history: ReadonlyMap<string, readonly HistoryRecord[]>;
  today: string;
}

/** The dashboard's content, computed from the workspace, the current run and the history; no I/O. */
export function buildReportModel(inputs: ReportInputs): ReportModel {
  const { workspace, run } = inputs;
  const results = new Map(run.results.map((result) => [result.kpi, result]));
  const goalIds = Object.keys(workspace.goals);
  const calendar = workspaceCalendar(workspace);
  const views = uniqueKpis(workspace).map((entry) => {
    const id = entry.id as string;
    return kpiView({
      entry,
      result: results.get(id),
      owner: ownerRef(workspace, entry.data.owner),
      trend: inputs.trends.get(id),
      calendar,
    });
  });
  const goals = goalIds.map((id): GoalView => {
    const goal = asRecord(workspace.goals[id]);
    const aligned = views.filter((view) => view.goal === id);
    const period = asRecord(goal.period);
    return {
      id,
      statement: typeof goal.statement === "string" ? goal.statement : id,
      owner: ownerRef(workspace, goal.owner),
      period:
        typeof period.start === "string" && typeof period.end === "string"
          ? { start: period.start, end: period.end }
          : null,
      leading: aligned.filter((view) => view.indicator !== "lagging"),
      lagging: aligned.filter((view) => view.indicator === "lagging"),
    };
  });
  const project = workspace.project?.data.project;
  return {
    project: typeof project === "string" ? project : "KPI workspace",
    today: inputs.today,
    period: run.period,
    health: healthSummary(views),
    statusChanges: statusChanges(run.results, inputs.history, views),
    goals,
    unaligned: views.filter((view) => view.goal === null || !goalIds.includes(view.goal)),
    tree: kpiTree(workspace, goalIds, (kpi) => results.get(kpi)?.status ?? null),
  };
}

export function healthSummary(views: readonly { status: Status }[]): HealthSummary {
  const count = (...statuses: Status[]) => views.filter((view) => statuses.includes(view.status)).length;
  return {
    total: views.length,
    onTrack: count("on_track"),
    atRisk: count("at_risk"),
    offTrack: count("off_track"),
    withoutData: count("no_data", "error"),
    noTarget: count("no_target"),
  };
}

/**
 * KPIs whose status differs from the one recorded for their previous period of the same length
 * (the month before a month, never a recorded quarter), as `kpi run` compares: the newest record
 * of that period (re-running the same period is not a change).
 */
export function statusChanges(
  results: readonly KpiResult[],
  history: ReadonlyMap<string, readonly HistoryRecord[]>,
  views: readonly KpiView[],
): StatusChange[] {
  const names = new Map(views.map((view) => [view.id, view.name]));
  const changes: StatusChange[] = [];
  for (const result of results) {
    const wanted = previousPeriod(result.period);
    const previous = history
      .get(result.kpi)
      ?.find((record) => record.period.start === wanted.start && record.period.end === wanted.end);
    if (!previous || previous.status === result.status) continue;
    changes.push({
      kpi: result.kpi,
      name: names.get(result.kpi) ?? result.kpi,
      from: previous.status,
      to: result.status,
      since: previous.period,
    });
  }
  return changes.sort((a, b) => (a.kpi < b.kpi ? -1 : 1));
}

function ownerRef(workspace: Workspace, owner: unknown): OwnerRef | null {
  if (typeof owner !== "string") return null;
  const name = asRecord(workspace.owners[owner]).name;
  return { id: owner, name: typeof name === "string" ? name : owner };
}
