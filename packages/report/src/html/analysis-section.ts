import type { StoredLeadLagPair } from "@kpi-as-code/runner";
import type { ReportAnalysis } from "../model/analysis-types.js";
import { anchorId, escapeHtml as e } from "./escape.js";

const CAVEAT = "A correlation is evidence, not proof of cause.";
const WIDTH = 480;
const HEIGHT = 160;
const PAD = 24;

/**
 * The analyses as inline SVG (drawn here, not in the browser: the page stays readable without
 * scripts): a chart per leading -> lagging pair with the leading series shifted by the best lag, a
 * bar chart per funnel, and what moved each KPI whose status changed.
 */
export function analysisSection(analysis: ReportAnalysis | undefined): string {
  if (!analysis) return "";
  const parts = [leadLagPart(analysis), funnelPart(analysis), whyPart(analysis)].filter(Boolean);
  if (parts.length === 0) return "";
  return `<section class="analysis" aria-labelledby="analysis-title">
<h2 id="analysis-title">Analysis</h2>
${parts.join("\n")}
</section>`;
}

function leadLagPart(analysis: ReportAnalysis): string {
  const leadLag = analysis.leadLag;
  if (!leadLag || leadLag.pairs.length === 0) return "";
  const goals = [...new Set(leadLag.pairs.map((pair) => pair.goal))];
  const sections = goals.map((goal) => {
    const pairs = leadLag.pairs.filter((pair) => pair.goal === goal);
    return `<section class="lead-lag" id="${anchorId("lead-lag", goal)}" data-goal="${e(goal)}">
<h3>Do the leading indicators of <code>${e(goal)}</code> lead?</h3>
${pairs.map(pairFigure).join("\n")}
</section>`;
  });
  return `${sections.join("\n")}
<p class="muted">From <code>kpi analyze</code> of ${e(leadLag.today)}. ${CAVEAT}</p>`;
}

function pairFigure(pair: StoredLeadLagPair): string {
  const numbers =
    pair.r === null || pair.lag === null
      ? `n = ${pair.n}`
      : `r = ${pair.r.toFixed(2)} at lag ${pair.lag}, n = ${pair.n}`;
  const lag = pair.lag ?? 0;
  const leading = pair.leadingSeries ?? [];
  const lagging = pair.laggingSeries ?? [];
  // The leading series drawn `lag` periods later, so a lead shows as the two lines moving together.
  const shifted = [...Array<null>(lag).fill(null), ...leading].slice(
    0,
    Math.max(lagging.length, leading.length),
  );
  const chart = lagging.length > 0 ? lineChart([shifted, lagging]) : "";
  return `<figure class="lead-lag-pair" data-pair="${e(pair.leading)}:${e(pair.lagging)}" data-verdict="${e(pair.verdict)}">
${chart}
<figcaption><code>${e(pair.leading)}</code> (shifted ${lag} period${lag === 1 ? "" : "s"} later, dashed) and <code>${e(pair.lagging)}</code>, each scaled to its own range: <strong>${e(pair.verdict)}</strong> (${e(numbers)}).</figcaption>
</figure>`;
}

/** Two series on one SVG, each scaled to its own minimum and maximum; a gap where a value is missing. */
function lineChart(series: (number | null)[][]): string {
  const length = Math.max(...series.map((values) => values.length), 2);
  const x = (index: number) => PAD + (index * (WIDTH - 2 * PAD)) / (length - 1);
  const paths = series.map((values, which) => {
    const known = values.filter((value): value is number => value !== null);
    const low = Math.min(...known);
    const high = Math.max(...known);
    const y = (value: number) =>
      HEIGHT - PAD - (high === low ? 0.5 : (value - low) / (high - low)) * (HEIGHT - 2 * PAD);
    let d = "";
    let pen = "M";
    values.forEach((value, index) => {
      if (value === null) {
        pen = "M";
        return;
      }
      d += `${pen}${x(index).toFixed(1)},${y(value).toFixed(1)} `;
      pen = "L";
    });
    const dash = which === 0 ? ' stroke-dasharray="4 3"' : "";
    return `<path d="${d.trim()}" fill="none" stroke="currentColor" stroke-width="2"${dash}/>`;
  });
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="Both series over time">${paths.join("")}</svg>`;
}

function funnelPart(analysis: ReportAnalysis): string {
  return analysis.funnels
    .map((funnel) => {
      const max = Math.max(...funnel.steps.map((step) => step.value ?? 0), 1);
      const rowHeight = 28;
      const bars = funnel.steps.map((step, index) => {
        const width = ((step.value ?? 0) / max) * (WIDTH - 200);
        const drop =
          step.from_previous === null
            ? ""
            : ` · ${(step.from_previous * 100).toFixed(1)}% of the step before`;
        const y = index * rowHeight;
        return `<g data-step="${e(step.kpi)}"><text x="0" y="${y + 18}">${e(step.kpi)}</text><rect x="120" y="${y + 4}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="currentColor" opacity="${step.kpi === funnel.biggest_drop ? 1 : 0.5}"/><text x="${(126 + width).toFixed(1)}" y="${y + 18}">${e(step.value === null ? "no value" : String(step.value))}${e(drop)}</text></g>`;
      });
      const note =
        funnel.above_previous.length > 0
          ? `<p class="muted">Above the step before (shown as they are): ${funnel.above_previous.map((step) => `<code>${e(step)}</code>`).join(", ")}.</p>`
          : "";
      return `<figure class="funnel" data-funnel="${e(funnel.funnel)}">
<svg viewBox="0 0 ${WIDTH + 120} ${funnel.steps.length * rowHeight}" width="${WIDTH + 120}" role="img" aria-label="Funnel ${e(funnel.funnel)}">${bars.join("")}</svg>
<figcaption>Funnel <code>${e(funnel.funnel)}</code>, ${e(funnel.period.start)} to ${e(funnel.period.end)} (end exclusive): the biggest drop is at <code>${e(funnel.biggest_drop ?? "none")}</code>.</figcaption>
${note}
</figure>`;
    })
    .join("\n");
}

function whyPart(analysis: ReportAnalysis): string {
  if (analysis.whys.length === 0) return "";
  const items = analysis.whys.map((why) => {
    const change = why.change === null ? "unknown" : formatSigned(why.change);
    const parts = why.inputs
      ? `<ul>${why.inputs.parts.map((part) => `<li data-input="${e(part.name)}"><code>${e(part.name)}</code> ${formatNumber(part.before)} → ${formatNumber(part.after)}: ${formatSigned(part.contribution)}</li>`).join("")}</ul><p class="muted">By ${why.inputs.method === "log-ratio" ? "log-ratio" : "sequential substitution"}; the parts add up to ${formatSigned(why.inputs.parts.reduce((sum, part) => sum + part.contribution, 0))}.</p>`
      : `<p class="muted">Not split: ${e(why.problem ?? "no value")}.</p>`;
    return `<li data-why="${e(why.kpi)}"><strong><code>${e(why.kpi)}</code></strong> changed ${change} from ${e(why.previous.start)} to ${e(why.period.start)}.${parts}</li>`;
  });
  return `<section class="why"><h3>What moved the KPIs whose status changed</h3><ul>${items.join("\n")}</ul></section>`;
}

const formatNumber = (value: number) => `${Number(value.toPrecision(4))}`;
const formatSigned = (value: number) => (value >= 0 ? `+${formatNumber(value)}` : formatNumber(value));
