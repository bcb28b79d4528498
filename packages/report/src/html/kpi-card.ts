import { formatValue, type ValueDisplay } from "../format/format-value.js";
import { STATUS_LABEL, STATUS_SYMBOL } from "../format/status.js";
import type { KpiView } from "../model/types.js";
import { anchorId, escapeHtml as e } from "./escape.js";

/** A status as symbol and word, so it never depends on color alone. */
export function statusBadge(status: KpiView["status"]): string {
  return `<span class="status status-${status}"><span class="status-symbol" aria-hidden="true">${STATUS_SYMBOL[status]}</span> ${STATUS_LABEL[status]}</span>`;
}

/** One KPI: value, status, owner and target, its trend chart and its breakdown bars, each with a data table. */
export function kpiCard(kpi: KpiView): string {
  const id = anchorId("kpi", kpi.id);
  const display = displayOf(kpi);
  return `<article class="kpi" id="${id}" aria-labelledby="${id}-title">
<header class="kpi-head">
<h4 id="${id}-title">${e(kpi.name)}${kpi.core ? ' <span class="tag">core</span>' : ""}</h4>
${statusBadge(kpi.status)}
</header>
<p class="kpi-value"><span class="value">${e(kpi.valueText)}</span>${kpi.period ? ` <span class="muted">for ${e(periodText(kpi.period))}</span>` : ""}</p>
${kpi.expectedText ? `<p class="kpi-pace" data-expected="${kpi.expected ?? ""}">${e(capitalized(kpi.expectedText))}</p>\n` : ""}${kpi.error ? `<p class="kpi-error" role="note">${e(kpi.error)}</p>` : ""}
<dl class="facts">
<dt>Owner</dt><dd>${e(kpi.owner?.name ?? "—")}</dd>
<dt>Target</dt><dd>${e(targetText(kpi, display))}</dd>
${kpi.forecastText ? `<dt>Forecast</dt><dd class="kpi-forecast">${e(capitalized(kpi.forecastText))}</dd>\n` : ""}${kpi.range ? `<dt>Scale</dt><dd>${e(`${kpi.range[0]} to ${kpi.range[1]}`)}</dd>\n` : ""}<dt>Direction</dt><dd>${kpi.direction === "decrease" ? "▼ lower is better" : "▲ higher is better"}</dd>
<dt>Cadence</dt><dd>${e(kpi.cadence ?? "—")}</dd>
<dt>Formula</dt><dd><code>${e(kpi.formula)}</code></dd>
</dl>
${trendFigure(kpi, id)}
${kpi.breakdowns.map((breakdown) => breakdownFigure(kpi, breakdown, id)).join("\n")}
</article>`;
}

function trendFigure(kpi: KpiView, id: string): string {
  const points = kpi.trend.points.filter((point) => point.value !== null);
  const source =
    kpi.trend.source === "history"
      ? "from the recorded history"
      : kpi.trend.grain
        ? `by ${kpi.trend.grain}, computed for this report`
        : "computed for this report (nothing recorded yet)";
  const caption = `Trend of ${kpi.name}: ${points.length} ${points.length === 1 ? "period" : "periods"} ${source}${kpi.targetPath.length > 0 ? ", with the target path" : ""}${kpi.bands.length > 0 ? " and status bands" : ""}.`;
  const rows = kpi.trend.points
    .map((point) => `<tr><td>${e(periodText(point))}</td><td>${e(point.valueText)}</td></tr>`)
    .join("");
  return `<figure class="chart" data-chart="trend" data-kpi="${e(kpi.id)}" data-points="${points.length}" aria-labelledby="${id}-trend-caption">
<figcaption id="${id}-trend-caption">${e(caption)}</figcaption>
<div class="chart-body" role="img" aria-label="${e(caption)}">${points.length === 0 ? '<p class="muted">No values yet.</p>' : ""}</div>
<details class="data-table"><summary>Trend as a table</summary>
<table><thead><tr><th scope="col">Period</th><th scope="col">Value</th></tr></thead><tbody>${rows}</tbody></table>
</details>
</figure>`;
}

function breakdownFigure(kpi: KpiView, breakdown: KpiView["breakdowns"][number], id: string): string {
  const bars = breakdown.rows.filter((row) => row.value !== null).length;
  const figureId = `${id}-by-${anchorId("segment", breakdown.segment)}`;
  const caption = `${kpi.name} by ${breakdown.segment}`;
  const rows = breakdown.rows
    .map((row) => `<tr><td>${e(row.key)}</td><td>${e(row.valueText)}</td></tr>`)
    .join("");
  return `<figure class="chart" data-chart="breakdown" data-kpi="${e(kpi.id)}" data-segment="${e(breakdown.segment)}" data-bars="${bars}" aria-labelledby="${figureId}-caption">
<figcaption id="${figureId}-caption">${e(caption)}</figcaption>
<div class="chart-body" role="img" aria-label="${e(`${caption}: ${breakdown.rows.map((row) => `${row.key} ${row.valueText}`).join(", ")}`)}"></div>
<details class="data-table"><summary>Breakdown as a table</summary>
<table><thead><tr><th scope="col">${e(breakdown.segment)}</th><th scope="col">Value</th></tr></thead><tbody>${rows}</tbody></table>
</details>
</figure>`;
}

function targetText(kpi: KpiView, display: ValueDisplay): string {
  const shortTerm = kpi.target?.short_term;
  const midTerm = kpi.target?.mid_term;
  const parts: string[] = [];
  if (shortTerm) parts.push(`${formatValue(shortTerm.value, display)} by ${shortTerm.by}`);
  if (midTerm) parts.push(`${formatValue(midTerm.value, display)} by ${midTerm.by}`);
  return parts.length > 0 ? parts.join(", then ") : "none";
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function displayOf(kpi: KpiView): ValueDisplay {
  return { unit: kpi.unit ?? undefined, currency: kpi.currency ?? undefined };
}

/** A half-open period as people read it: `2026-10-01 – 2026-10-31` (the end day included). */
export function periodText(period: { start: string; end: string }): string {
  const end = new Date(`${period.end}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  const last = end.toISOString().slice(0, 10);
  return last <= period.start ? period.start : `${period.start} – ${last}`;
}
