import { escapeMarkdown, markdownCode } from "@kpi-as-code/diff";
import type { Calendar, Period, Status } from "@kpi-as-code/runner";
import { formatPeriod } from "./format-period.js";
import { type RunRow, statusSummary } from "./run-rows.js";
import { STATUS_LABEL } from "./status-style.js";

/** Emoji render in color on GitHub and in wikis; the word follows so it reads without them too. */
const STATUS_EMOJI: Record<Status, string> = {
  on_track: "🟢",
  at_risk: "🟡",
  off_track: "🔴",
  no_data: "⚪",
  no_target: "⚪",
  error: "❗",
};

/**
 * A GitHub-flavoured markdown table for a pull-request comment or a wiki page. Text from the KPI
 * files and the engines (names, ids, notes) is made inert, as in `kpi diff`'s comment: a pull request
 * from a fork writes those files.
 */
export function formatRunMarkdown(rows: readonly RunRow[], period: Period, calendar?: Calendar): string {
  const lines = [
    `### KPIs for ${formatPeriod(period, calendar)}`,
    "",
    "| Status | KPI | Value | Change | Target | Period |",
    "| --- | --- | ---: | ---: | --- | --- |",
  ];
  for (const row of rows) {
    const id = markdownCode(row.kpi).replace(/\|/g, "\\|");
    const kpi = row.name ? `**${escapeMarkdown(row.name)}** (${id})` : id;
    const status = `${STATUS_EMOJI[row.status]} ${STATUS_LABEL[row.status]}`;
    lines.push(
      `| ${[status, kpi, ...[row.value, row.change, row.target, row.period].map(cell)].join(" | ")} |`,
    );
    // A series (`--grain`): one row per bucket under the KPI's row.
    for (const point of row.series ?? [])
      lines.push(
        `| ${["", `↳ ${id}`, ...[point.value, point.change, "", point.period].map(cell)].join(" | ")} |`,
      );
  }
  const notes = rows.filter((row) => row.note);
  if (notes.length > 0) {
    lines.push("");
    for (const row of notes) lines.push(`- ${markdownCode(row.kpi)}: ${escapeMarkdown(row.note ?? "")}`);
  }
  lines.push(
    "",
    statusSummary(rows, (status) => STATUS_LABEL[status]),
  );
  return `${lines.join("\n")}\n`;
}

/** Pipes and line breaks would end the cell or the row. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}
