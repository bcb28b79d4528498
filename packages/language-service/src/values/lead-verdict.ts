import type { StoredAnalysis } from "@kpi-as-code/runner/history";

const VERDICT_TEXT = {
  supports: "its changes went with the lagging KPI's",
  contradicts: "its changes went against the lagging KPI's",
  inconclusive: "no consistent link",
} as const;

/**
 * What the last `kpi analyze` found for a leading KPI, one line per lagging KPI of its goal, or
 * nothing when no analysis was kept (`.kpi/analysis.json`) or the KPI is in no pair as leading.
 */
export function leadVerdictSummary(analysis: StoredAnalysis | undefined, kpi: string): string | undefined {
  const pairs = analysis?.pairs.filter((pair) => pair.leading === kpi) ?? [];
  if (pairs.length === 0) return undefined;
  const lines = pairs.map((pair) => {
    const numbers =
      pair.r === null || pair.lag === null
        ? `n = ${pair.n}`
        : `r = ${pair.r.toFixed(2)} at lag ${pair.lag}, n = ${pair.n}`;
    const verdict = VERDICT_TEXT[pair.verdict] ?? pair.verdict;
    return `Leads \`${pair.lagging}\`? **${pair.verdict}** (${numbers}): ${verdict}.`;
  });
  return [
    ...lines,
    `From \`kpi analyze\` of ${analysis?.today}: a correlation is evidence, not proof of cause.`,
  ].join("\n\n");
}
