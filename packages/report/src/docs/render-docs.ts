import { asRecord, type KpiFile, type Workspace } from "@kpi-as-code/core";
import { uniqueKpis } from "../model/kpi-tree.js";
import { GENERATED_MARKER, ownerName } from "./common.js";
import { kpiPage } from "./kpi-page.js";
import { cell, code, page, table } from "./markdown.js";

export { GENERATED_MARKER } from "./common.js";

export interface DocPage {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  content: string;
}

/**
 * The workspace as a markdown catalog for a wiki or docs site: an index, one page per goal and
 * one per KPI with every field of the method's template. Deterministic: the same files give the
 * same pages, byte for byte (no dates, no run results).
 */
export function renderDocs(workspace: Workspace): DocPage[] {
  const kpis = uniqueKpis(workspace);
  const goalIds = Object.keys(workspace.goals);
  return [
    { path: "index.md", content: indexPage(workspace, goalIds) },
    ...goalIds.map((goal) => ({ path: `goals/${goal}.md`, content: goalPage(workspace, goal) })),
    ...kpis.map((entry) => ({ path: `kpis/${entry.id}.md`, content: kpiPage(workspace, entry) })),
  ];
}

function indexPage(workspace: Workspace, goalIds: readonly string[]): string {
  const project = workspace.project?.data.project ?? "KPI workspace";
  const kpis = uniqueKpis(workspace);
  const goalRows = goalIds.map((id) => {
    const goal = asRecord(workspace.goals[id]);
    const count = kpis.filter((entry) => entry.data.goal === id).length;
    return [
      `[${cell(id)}](goals/${id}.md)`,
      cell(text(goal.statement)),
      cell(ownerName(workspace, goal.owner)),
      String(count),
    ];
  });
  const kpiRows = kpis.map((entry) => {
    const data = entry.data as Partial<KpiFile>;
    return [
      `[${cell(data.name ?? entry.id)}](kpis/${entry.id}.md)`,
      code(entry.id as string),
      goalIds.includes(String(data.goal)) ? `[${cell(data.goal)}](goals/${data.goal}.md)` : cell(data.goal),
      cell(data.indicator),
      data.core === true ? "yes" : "no",
      cell(ownerName(workspace, data.owner)),
      cell(data.cadence),
    ];
  });
  const ownerRows = Object.entries(workspace.owners).map(([id, owner]) => {
    const record = asRecord(owner);
    return [code(id), cell(text(record.name)), cell(text(record.contact))];
  });
  return page([
    GENERATED_MARKER,
    `# ${project}: KPI catalog`,
    `${kpis.length} KPIs aligned to ${goalIds.length} goals.`,
    "## Goals",
    table(["Goal", "Statement", "Owner", "KPIs"], goalRows),
    "## KPIs",
    table(["KPI", "Id", "Goal", "Indicator", "Core", "Owner", "Cadence"], kpiRows),
    ownerRows.length > 0 && "## Owners",
    ownerRows.length > 0 && table(["Id", "Name", "Contact"], ownerRows),
  ]);
}

function goalPage(workspace: Workspace, id: string): string {
  const goal = asRecord(workspace.goals[id]);
  const period = asRecord(goal.period);
  const aligned = uniqueKpis(workspace).filter((entry) => entry.data.goal === id);
  const list = (indicator: string) => {
    const items = aligned.filter((entry) => entry.data.indicator === indicator);
    if (items.length === 0) return "None yet: a goal needs both leading and lagging KPIs.";
    return items
      .map(
        (entry) =>
          `- [${entry.data.name ?? entry.id}](../kpis/${entry.id}.md)${entry.data.core ? " (core)" : ""}`,
      )
      .join("\n");
  };
  return page([
    GENERATED_MARKER,
    `# Goal: ${id}`,
    `> ${text(goal.statement) ?? ""}`,
    table(
      ["Field", "Value"],
      [
        ["Owner", cell(ownerName(workspace, goal.owner))],
        ["Period", typeof period.start === "string" ? `${period.start} to ${cell(text(period.end))}` : "—"],
      ],
    ),
    "## Leading KPIs",
    list("leading"),
    "## Lagging KPIs",
    list("lagging"),
    "[Back to the catalog](../index.md)",
  ]);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
