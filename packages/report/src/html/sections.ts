import { STATUS_LABEL, STATUS_SYMBOL } from "../format/status.js";
import type { GoalView, KpiView, ReportModel, TreeNode } from "../model/types.js";
import { anchorId, escapeHtml as e } from "./escape.js";
import { kpiCard, periodText, statusBadge } from "./kpi-card.js";

export function healthSection(model: ReportModel): string {
  const { health } = model;
  const tiles: [string, string, number][] = [
    ["on_track", `${STATUS_SYMBOL.on_track} ${STATUS_LABEL.on_track}`, health.onTrack],
    ["at_risk", `${STATUS_SYMBOL.at_risk} ${STATUS_LABEL.at_risk}`, health.atRisk],
    ["off_track", `${STATUS_SYMBOL.off_track} ${STATUS_LABEL.off_track}`, health.offTrack],
    ["no_data", `${STATUS_SYMBOL.no_data} without data`, health.withoutData],
    ["no_target", `${STATUS_SYMBOL.no_target} ${STATUS_LABEL.no_target}`, health.noTarget],
  ];
  return `<section class="health" aria-labelledby="health-title">
<h2 id="health-title">Health</h2>
<ul class="tiles">
${tiles.map(([status, label, count]) => `<li class="tile status-${status}" data-health="${status}"><span class="count">${count}</span> <span class="label">${e(label)}</span></li>`).join("\n")}
</ul>
<p class="muted">${health.total} KPIs in total.</p>
${changesList(model)}
</section>`;
}

function changesList(model: ReportModel): string {
  if (model.statusChanges.length === 0) {
    return `<p class="changes-none">No KPI changed status since its previous recorded period.</p>`;
  }
  const items = model.statusChanges.map(
    (change) =>
      `<li data-status-change="${e(change.kpi)}"><a href="#${anchorId("kpi", change.kpi)}">${e(change.name)}</a>: ${statusBadge(change.from)} <span aria-label="changed to">→</span> ${statusBadge(change.to)} <span class="muted">(since ${e(periodText(change.since))})</span></li>`,
  );
  return `<h3>Changed status since the previous recorded period</h3>
<ul class="changes">
${items.join("\n")}
</ul>`;
}

export function goalSection(goal: GoalView): string {
  const id = anchorId("goal", goal.id);
  const meta = [
    goal.owner ? `Owner: ${e(goal.owner.name)}` : "",
    goal.period ? `Period: ${e(goal.period.start)} to ${e(goal.period.end)}` : "",
  ].filter(Boolean);
  return `<section class="goal" id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${e(goal.statement)}</h2>
<p class="muted"><code>${e(goal.id)}</code>${meta.length > 0 ? ` · ${meta.join(" · ")}` : ""}</p>
${indicatorGroup("Leading indicators", "leading", goal.leading, id)}
${indicatorGroup("Lagging indicators", "lagging", goal.lagging, id)}
</section>`;
}

export function unalignedSection(kpis: readonly KpiView[]): string {
  if (kpis.length === 0) return "";
  return `<section class="goal" id="goal-none" aria-labelledby="goal-none-title">
<h2 id="goal-none-title">KPIs without a declared goal</h2>
<div class="kpis">${kpis.map(kpiCard).join("\n")}</div>
</section>`;
}

function indicatorGroup(title: string, kind: string, kpis: readonly KpiView[], goalId: string): string {
  const id = `${goalId}-${kind}`;
  const body =
    kpis.length === 0
      ? `<p class="muted">None: a goal needs both leading and lagging KPIs.</p>`
      : `<div class="kpis">${kpis.map(kpiCard).join("\n")}</div>`;
  return `<section class="indicators" data-indicator="${kind}" aria-labelledby="${id}">
<h3 id="${id}">${title}</h3>
${body}
</section>`;
}

export function treeSection(tree: readonly TreeNode[]): string {
  return `<section class="tree" aria-labelledby="tree-title">
<h2 id="tree-title">KPI tree</h2>
<p class="muted">Goals, the KPIs aligned to them, and the KPIs their formulas are computed from.</p>
<ul class="kpi-tree">
${tree.map(treeNode).join("\n")}
</ul>
</section>`;
}

function treeNode(node: TreeNode): string {
  const label =
    node.kind === "goal"
      ? `<a href="#${anchorId("goal", node.id)}"><strong>${e(node.label)}</strong></a> <span class="muted">goal</span>`
      : `<a href="#${anchorId("kpi", node.id)}">${e(node.label)}</a> <code>${e(node.id)}</code>${node.status ? ` ${statusBadge(node.status)}` : ""}${node.repeated ? ' <span class="muted">(cycle, shown above)</span>' : ""}`;
  const children = node.children.length > 0 ? `\n<ul>${node.children.map(treeNode).join("\n")}</ul>\n` : "";
  return `<li data-tree-node="${node.kind}:${e(node.id)}">${label}${children}</li>`;
}
