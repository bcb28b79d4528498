import type { HistoryRecord } from "@kpi-as-code/runner";
import pc from "picocolors";
import { formatPeriod } from "./format-period.js";
import { formatValue } from "./format-value.js";
import type { KpiDisplay } from "./kpi-display.js";
import { sparkline } from "./sparkline.js";
import { statusColor, statusText } from "./status-style.js";

const HEADERS = ["Recorded", "Period", "Value", "Status", "Version", "Run"] as const;

/** `kpi history` as text: a sparkline of the values (oldest to newest), then one line per record, newest first. */
export function formatHistoryTable(
  kpi: string,
  newestFirst: readonly HistoryRecord[],
  display: KpiDisplay,
  options: { color: boolean },
): string {
  const colors = pc.createColors(options.color);
  const title = display.name ? `${display.name} (${kpi})` : kpi;
  if (newestFirst.length === 0) return `${title}: no recorded values yet (kpi run records them)\n`;
  const spark = sparkline([...newestFirst].reverse().map((record) => record.value));
  const cells = newestFirst.map((record) => [
    record.recordedAt.slice(0, 16).replace("T", " "),
    formatPeriod(record.period),
    formatValue(record.value, display),
    statusText(record.status),
    `v${record.version}`,
    record.runId,
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.map((line) => (line[column] ?? "").length)),
  );
  const pad = (text: string, column: number) =>
    column === 2 ? text.padStart(widths[column] ?? 0) : text.padEnd(widths[column] ?? 0);
  const lines = [`${colors.bold(title)}  ${spark}`, "", colors.bold(HEADERS.map(pad).join("  ").trimEnd())];
  newestFirst.forEach((record, index) => {
    const line = (cells[index] ?? []).map(pad);
    line[3] = statusColor(record.status, colors)(line[3] ?? "");
    lines.push(line.join("  ").trimEnd());
  });
  return `${lines.join("\n")}\n`;
}
