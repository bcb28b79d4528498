import { join } from "node:path";
import { formatValue, type KpiEntry, type Workspace } from "@kpi-as-code/core";
import type { LatestValue } from "@kpi-as-code/runner";
import { type GoalSummary, isKpiStatus, type KpiSummary, type WorkspaceSummary } from "../protocol.js";

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
    status: latest && isKpiStatus(latest.status) ? latest.status : undefined,
    period: latest?.period,
    recordedAt: latest?.recordedAt,
  };
}
