import { escapeControl, formatValue, type KpiFile, type ValueDisplay } from "@kpi-as-code/core";
import { markdownCode } from "@kpi-as-code/diff";
import type { DueReview, ReviewAgenda } from "./review-types.js";

const STATUS: Record<string, string> = {
  on_track: "🟢 on track",
  at_risk: "🟠 at risk",
  off_track: "🔴 off track",
  no_data: "⚪ no data",
  no_target: "⚪ no target",
  error: "❌ error",
};

/** Markdown cells and lines hold user text: keep it on one line and away from table syntax. */
const inline = (text: string) =>
  escapeControl(text)
    .replaceAll("|", "\\|")
    .replace(/\s*\n\s*/g, " ");

/** The agenda as markdown, fit for an issue or a meeting note. */
export function reviewMarkdown(agenda: ReviewAgenda, displays: ReadonlyMap<string, ValueDisplay>): string {
  return `${[`# KPI review, ${agenda.today}`, "", ...agendaLines(agenda, displays, "##")].join("\n")}\n`;
}

/** One workspace's part of a review over several: its agenda, or why it could not be built. */
export interface WorkspaceReview {
  /** The workspace's folder, relative to where the command ran. */
  workspace: string;
  agenda?: ReviewAgenda;
  displays?: ReadonlyMap<string, ValueDisplay>;
  error?: string;
}

/**
 * The agendas of several workspaces as one markdown document (one issue): a section per workspace,
 * its KPIs one heading level down. The same KPI id in two workspaces is two KPIs.
 */
export function workspacesReviewMarkdown(today: string, reviews: readonly WorkspaceReview[]): string {
  const due = reviews.reduce((sum, review) => sum + (review.agenda?.due.length ?? 0), 0);
  const lines = [
    `# KPI review, ${today}`,
    "",
    `${due} KPI${due === 1 ? "" : "s"} due for review in ${reviews.length} workspaces.`,
  ];
  for (const review of reviews) {
    lines.push("", `## Workspace ${markdownCode(review.workspace)}`, "");
    if (review.agenda) lines.push(...agendaLines(review.agenda, review.displays ?? new Map(), "###"));
    else lines.push(`❌ The review could not be built: ${inline(review.error ?? "unknown error")}`);
  }
  return `${lines.join("\n")}\n`;
}

function agendaLines(
  agenda: ReviewAgenda,
  displays: ReadonlyMap<string, ValueDisplay>,
  heading: string,
): string[] {
  if (agenda.due.length === 0) return [`Nothing is due for review by ${agenda.until}.`];
  const lines = [
    `${agenda.due.length} KPI${agenda.due.length === 1 ? "" : "s"} due for review by ${agenda.until}, most overdue first.`,
    "",
  ];
  lines.push(
    "| KPI | Owner | Review | Status | Value | Expected | Change |",
    "|---|---|---|---|---|---|---|",
  );
  for (const item of agenda.due) {
    const show = (value: number | null) =>
      formatValue(value, displays.get(item.kpi) ?? {}, { compact: true });
    const when = item.overdue ? `${item.next} (${item.days_overdue} d overdue)` : item.next;
    const change = item.change === null ? "—" : `${item.change >= 0 ? "+" : ""}${show(item.change)}`;
    lines.push(
      `| ${inline(item.name)} (\`${item.kpi}\`) | ${inline(item.owner)} | ${when} | ${STATUS[item.status] ?? item.status} | ${show(item.value)} | ${show(item.expected)} | ${change} |`,
    );
  }
  for (const item of agenda.due) lines.push("", ...kpiSection(item, displays, heading));
  return lines;
}

function kpiSection(item: DueReview, displays: ReadonlyMap<string, ValueDisplay>, heading: string): string[] {
  const show = (value: number | null) => formatValue(value, displays.get(item.kpi) ?? {}, { compact: true });
  const lines = [`${heading} ${inline(item.name)} (\`${item.kpi}\`)`, ""];
  const expected = item.expected === null ? "" : ` against ${show(item.expected)} expected`;
  lines.push(
    `- **Status:** ${STATUS[item.status] ?? item.status}, ${show(item.value)}${expected} (${item.period.start} to ${item.period.end})`,
  );
  lines.push(
    `- **Previous period** (${item.previous_period.start} to ${item.previous_period.end}): ${show(item.previous_value)}`,
  );
  if (item.error) lines.push(`- **Error:** ${inline(item.error)}`);
  if (item.worst_segment) {
    const w = item.worst_segment;
    lines.push(
      `- **Worst segment:** ${inline(w.segment)} = ${inline(String(w.key))}: ${show(w.previous_value)} → ${show(w.value)}`,
    );
  }
  if (item.actions.length > 0) {
    lines.push("", "**Action plan**", "");
    for (const action of item.actions) {
      const facts = [
        action.owner ? `owner ${inline(action.owner)}` : undefined,
        action.due ? `due ${action.due}${action.overdue ? " ⚠️ overdue" : ""}` : undefined,
        action.started ? `started ${action.started}` : undefined,
      ].filter(Boolean);
      const tried = action.experiment ? `: ${inline(action.experiment)}` : "";
      lines.push(
        `- [ ] ${inline(action.hypothesis)}${tried}${facts.length > 0 ? ` (${facts.join(", ")})` : ""}`,
      );
      if (action.effect) {
        const e = action.effect;
        const change = e.change === null ? "" : ` (${e.change >= 0 ? "+" : ""}${show(e.change)})`;
        lines.push(
          `  - Measured effect over ${e.days} days: ${show(e.before.value)} before → ${show(e.after.value)} after${change}`,
        );
      }
    }
  }
  if (item.related.length > 0) {
    lines.push("", `**Other KPIs of goal \`${item.goal}\`**`, "");
    for (const other of item.related) {
      const status = other.status ? (STATUS[other.status] ?? other.status) : "not run yet";
      lines.push(
        `- ${inline(other.name)} (\`${other.kpi}\`): ${status}, ${formatValue(other.value, displays.get(other.kpi) ?? {}, { compact: true })}`,
      );
    }
  }
  return lines;
}

export function valueDisplays(kpis: readonly KpiFile[]): Map<string, ValueDisplay> {
  return new Map(kpis.map((kpi) => [kpi.kpi, { unit: kpi.unit, currency: kpi.currency, range: kpi.range }]));
}
