import pc from "picocolors";
import { type RunRow, statusSummary } from "./run-rows.js";
import { STATUS_LABEL, statusColor, statusText } from "./status-style.js";

const HEADERS = ["Status", "KPI", "Value", "Change", "Target", "Period"] as const;
/** Numbers line up on the right. */
const RIGHT_ALIGNED = new Set([2, 3]);
/** The KPI cell of a series bucket's line. */
const SERIES_MARK = "  ↳";

/** The terminal table: widths from the plain text, color added after padding so ANSI codes never skew columns. */
export function formatRunTable(rows: readonly RunRow[], options: { color: boolean }): string {
  const colors = pc.createColors(options.color);
  // A series (`--grain`) shows one line per bucket under its KPI's line.
  const entries = rows.flatMap((row) => [
    { row, cells: [statusText(row.status), row.kpi, row.value, row.change, row.target, row.period] },
    ...(row.series ?? []).map((point) => ({
      row: undefined,
      cells: ["", SERIES_MARK, point.value, point.change, "", point.period],
    })),
  ]);
  const cells = entries.map((line) => line.cells);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.map((line) => (line[column] ?? "").length)),
  );
  const pad = (text: string, column: number) =>
    RIGHT_ALIGNED.has(column) ? text.padStart(widths[column] ?? 0) : text.padEnd(widths[column] ?? 0);
  const lines = [colors.bold(HEADERS.map(pad).join("  ").trimEnd())];
  for (const { row, cells: texts } of entries) {
    const line = texts.map(pad);
    if (row) line[0] = statusColor(row.status, colors)(line[0] ?? "");
    lines.push(line.join("  ").trimEnd());
  }
  const notes = rows.filter((row) => row.note);
  if (notes.length > 0) {
    lines.push("");
    for (const row of notes)
      lines.push(statusColor(row.status, colors)(`${row.kpi}: ${oneLine(row.note ?? "")}`));
  }
  lines.push(
    "",
    statusSummary(rows, (status) => STATUS_LABEL[status]),
  );
  return `${lines.join("\n")}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
