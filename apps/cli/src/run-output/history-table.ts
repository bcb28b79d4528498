import { type Calendar, type HistoryRecord, isCadencePeriod } from "@kpi-as-code/runner";
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
  options: { color: boolean; calendar?: Calendar },
): string {
  const colors = pc.createColors(options.color);
  const title = display.name ? `${display.name} (${kpi})` : kpi;
  if (newestFirst.length === 0) return `${title}: no recorded values yet (kpi run records them)\n`;
  const spark = sparkline(trendValues(newestFirst, display, options.calendar));
  const cells = newestFirst.map((record) => [
    record.recordedAt.slice(0, 16).replace("T", " "),
    formatPeriod(record.period, options.calendar),
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

/**
 * The sparkline's values, oldest first: the newest record of each period of the KPI's cadence
 * (a recorded quarter of a monthly KPI is no point on its monthly line; a re-run is not a new point).
 */
export function trendValues(
  newestFirst: readonly HistoryRecord[],
  display: KpiDisplay,
  calendar?: Calendar,
): (number | null)[] {
  const byPeriod = new Map<string, HistoryRecord>();
  for (const record of newestFirst) {
    if (display.cadence !== undefined && !isCadencePeriod(record.period, display.cadence, calendar)) continue;
    const key = `${record.period.start}/${record.period.end}`;
    if (!byPeriod.has(key)) byPeriod.set(key, record);
  }
  return [...byPeriod.values()]
    .sort((a, b) => (a.period.start < b.period.start ? -1 : a.period.start > b.period.start ? 1 : 0))
    .map((record) => record.value);
}
