import { asRecord, type KpiFile, type SymbolKind } from "@kpi-as-code/core";
import { workspaceCalendar } from "@kpi-as-code/runner/pace";
import type { WorkspaceState } from "../state/workspace-state.js";
import { formatValue, sparkline, statusLabel, targetSummary, timeAgo } from "../values/format-value.js";
import { leadVerdictSummary } from "../values/lead-verdict.js";
import { forecastSummary, paceSummary } from "../values/pace-summary.js";

/** What a symbol is, in markdown: a goal's statement, an owner's name, a source's type, a KPI's latest value. */
export function describeSymbol(
  state: WorkspaceState,
  kind: SymbolKind,
  id: string,
  scope: string | undefined,
  now: Date,
): string | undefined {
  const { workspace } = state;
  switch (kind) {
    case "goal": {
      const goal = asRecord(workspace.goals[id]);
      if (!Object.hasOwn(workspace.goals, id)) return undefined;
      const owner = typeof goal.owner === "string" ? `\n\nOwner: \`${goal.owner}\`` : "";
      return `**Goal \`${id}\`**\n\n${String(goal.statement ?? "")}${owner}`;
    }
    case "owner": {
      if (!Object.hasOwn(workspace.owners, id)) return undefined;
      const owner = asRecord(workspace.owners[id]);
      const contact = typeof owner.contact === "string" ? ` (${owner.contact})` : "";
      return `**Owner \`${id}\`**: ${String(owner.name ?? id)}${contact}`;
    }
    case "source": {
      if (!Object.hasOwn(workspace.sources, id)) return undefined;
      const source = asRecord(workspace.sources[id]);
      const where = typeof source.path === "string" ? `, \`${source.path}\`` : "";
      return `**Source \`${id}\`**: ${String(source.type ?? "unknown type")}${where}`;
    }
    case "measure": {
      const measure = asRecord(asRecord(workspace.kpi(scope ?? "")?.data.measures)[id]);
      const how =
        typeof measure.sql === "string"
          ? "raw SQL"
          : `${String(measure.aggregate ?? "?")}${measure.column ? `(${String(measure.column)})` : ""} from \`${String(measure.from ?? "?")}\``;
      return `**Measure \`${id}\`** of \`${scope}\`: ${how} on source \`${String(measure.source ?? "?")}\``;
    }
    case "view": {
      const views = asRecord(asRecord(workspace.sources[scope ?? ""]).views);
      const sql = views[id];
      if (typeof sql !== "string") return undefined;
      return `**View \`${id}\`** of source \`${scope}\`\n\n\`\`\`sql\n${sql.trim()}\n\`\`\``;
    }
    case "kpi":
      return describeKpi(state, id, now);
  }
}

function describeKpi(state: WorkspaceState, id: string, now: Date): string | undefined {
  const entry = state.workspace.kpi(id);
  if (!entry) return undefined;
  const data = entry.data as Partial<KpiFile>;
  const lines = [`**KPI \`${id}\`**${data.name ? `: ${data.name}` : ""}`];
  if (typeof data.description === "string") lines.push(data.description.trim());
  const value = state.values[id];
  if (value) {
    const { latest } = value;
    lines.push(
      `Latest: **${formatValue(latest.value, data.unit, data.currency)}** (${statusLabel(latest.status)}) for ${latest.period.start} – ${latest.period.end}, recorded ${timeAgo(latest.recordedAt, now)}`,
    );
    const pace = paceSummary(data, latest.period);
    if (pace) lines.push(pace.charAt(0).toUpperCase() + pace.slice(1));
    const forecast = forecastSummary(data, value.recent, workspaceCalendar(state.workspace));
    if (forecast) lines.push(forecast.charAt(0).toUpperCase() + forecast.slice(1));
    const line = sparkline(value.recent);
    if (line) lines.push(`Recent: \`${line}\``);
  } else {
    lines.push(`No recorded value yet: run it (\`kpi run --kpi ${id}\`).`);
  }
  const target = targetSummary(data);
  if (target) lines.push(target.charAt(0).toUpperCase() + target.slice(1));
  const verdict = leadVerdictSummary(state.analysis, id);
  if (verdict) lines.push(verdict);
  return lines.join("\n\n");
}
