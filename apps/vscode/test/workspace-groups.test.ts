import { describe, expect, it } from "vitest";
import type { KpiSummary, WorkspaceSummary } from "../src/protocol.js";
import {
  describeWorkspace,
  groupByWorkspace,
  type LoadedWorkspace,
  workspaceLabel,
  workspaceOf,
} from "../src/workspace-groups.js";

const REPO = "/repo";
const SUPPORT = "/repo/teams/support";
const GROWTH = "/repo/teams/growth";

function kpi(file: string, status?: KpiSummary["status"]): KpiSummary {
  const id = file.split("/").at(-1)?.replace(".kpi.yaml", "") ?? file;
  return {
    id,
    name: undefined,
    file,
    core: false,
    display: undefined,
    status,
    expected: undefined,
    pace: undefined,
    period: undefined,
    recordedAt: undefined,
  };
}

function summary(root: string, project: string | undefined, kpis: KpiSummary[]): WorkspaceSummary {
  return { root, project, goals: [{ id: "goal", statement: undefined, kpis }], unaligned: [] };
}

const files = (loaded: LoadedWorkspace) =>
  "summary" in loaded
    ? [...loaded.summary.goals.flatMap((goal) => goal.kpis), ...loaded.summary.unaligned].map((k) => k.file)
    : [];

describe("several KPI workspaces in one window", () => {
  it("give a file to the nearest folder upwards that holds a kpi.yaml", () => {
    const roots = [REPO, SUPPORT, GROWTH];
    expect(workspaceOf(`${SUPPORT}/metrics/csat.kpi.yaml`, roots)).toBe(SUPPORT);
    expect(workspaceOf(`${REPO}/metrics/revenue.kpi.yaml`, roots)).toBe(REPO);
    // A sibling whose name starts like a workspace's is not inside it.
    expect(workspaceOf("/repo/teams/support-old/x.kpi.yaml", [SUPPORT])).toBeUndefined();
  });

  it("keep each KPI once, under its own workspace, when a summary spans a nested one", () => {
    const nested = kpi(`${SUPPORT}/csat.kpi.yaml`, "on_track");
    const grouped = groupByWorkspace([
      { root: REPO, summary: summary(REPO, "acme", [kpi(`${REPO}/revenue.kpi.yaml`), nested]) },
      { root: SUPPORT, summary: summary(SUPPORT, "support", []) },
      { root: GROWTH, error: "kpi.yaml: bad YAML" },
    ]);
    expect(grouped.map(files)).toEqual([[`${REPO}/revenue.kpi.yaml`], [`${SUPPORT}/csat.kpi.yaml`], []]);
    // Already in its own workspace's summary: not added twice.
    const twice = groupByWorkspace([
      { root: REPO, summary: summary(REPO, "acme", [nested]) },
      { root: SUPPORT, summary: summary(SUPPORT, "support", [nested]) },
    ]);
    expect(twice.map(files)).toEqual([[], [`${SUPPORT}/csat.kpi.yaml`]]);
  });

  it("name and count each workspace for the view, the status bar tooltip and the dashboard picker", () => {
    const support: LoadedWorkspace = {
      root: SUPPORT,
      summary: summary(SUPPORT, "support-desk", [
        kpi(`${SUPPORT}/a.kpi.yaml`, "on_track"),
        kpi(`${SUPPORT}/b.kpi.yaml`, "at_risk"),
        kpi(`${SUPPORT}/c.kpi.yaml`, "on_track"),
      ]),
    };
    expect(workspaceLabel(support)).toBe("support-desk");
    expect(describeWorkspace(support)).toBe("3 KPIs: 2 on track, 1 at risk");
    const growth: LoadedWorkspace = {
      root: GROWTH,
      summary: summary(GROWTH, undefined, [kpi(`${GROWTH}/d.kpi.yaml`)]),
    };
    expect(workspaceLabel(growth)).toBe("growth");
    expect(describeWorkspace(growth)).toBe("1 KPI, none run yet");
    expect(describeWorkspace({ root: GROWTH, error: "bad YAML" })).toBe("not loaded: bad YAML");
  });
});
