import type { Cadence } from "@kpi-as-code/core";
import type { LeadLagAnalysis, LeadLagResult } from "@kpi-as-code/runner";

/** Said by every output of `kpi analyze` (spec 5.4). */
export const CORRELATION_CAVEAT =
  "A correlation is evidence, not proof of cause: both KPIs may follow a third thing, and a verdict over few periods can be chance.";

const PERIOD_WORD: Record<Cadence, [string, string]> = {
  daily: ["day", "days"],
  weekly: ["week", "weeks"],
  monthly: ["month", "months"],
  quarterly: ["quarter", "quarters"],
  yearly: ["year", "years"],
};

/** `kpi analyze --format json`: the spec's pair fields, a note where the data said little, and the caveat. */
export function formatLeadLagJson(analysis: LeadLagAnalysis): string {
  const pairs = analysis.pairs.map(({ goal, leading, lagging, lag, r, n, verdict, note, message }) => ({
    goal,
    leading,
    lagging,
    lag,
    r,
    n,
    verdict,
    ...(note ? { note } : {}),
    ...(message ? { message } : {}),
  }));
  const unpaired = analysis.unpaired.map((goal) => ({ goal: goal.goal, missing: goal.missing }));
  return `${JSON.stringify(
    {
      today: analysis.today,
      periods: analysis.periods,
      max_lag: analysis.maxLag,
      pairs,
      unpaired,
      caveat: CORRELATION_CAVEAT,
    },
    null,
    2,
  )}\n`;
}

/** One line per pair saying what the numbers mean, a line per goal without a pair, then the caveat. */
export function formatLeadLagText(analysis: LeadLagAnalysis): string {
  const lines: string[] = [];
  let goal: string | undefined;
  for (const pair of analysis.pairs) {
    if (pair.goal !== goal) {
      goal = pair.goal;
      lines.push(`goal ${goal}`);
    }
    lines.push(`  ${pairLine(pair, analysis.periods)}`);
  }
  for (const unpaired of analysis.unpaired) {
    lines.push(
      `goal ${unpaired.goal}: no ${unpaired.missing} KPI, so there is no leading -> lagging pair to test.`,
    );
  }
  if (analysis.pairs.length === 0 && analysis.unpaired.length === 0) {
    lines.push("No goal has KPIs aligned to it: nothing to analyze.");
  }
  lines.push("", CORRELATION_CAVEAT);
  return `${lines.join("\n")}\n`;
}

export function pairLine(pair: LeadLagResult, periods: number): string {
  const [one, many] = PERIOD_WORD[pair.cadence];
  const head = `${pair.leading} -> ${pair.lagging}: ${pair.verdict}`;
  if (pair.note === "error") return `${head}: could not be computed (${pair.message ?? "no value"}).`;
  if (pair.r === null || pair.lag === null) {
    return `${head}: a series did not change (or had too few values) over the last ${periods} ${many}, so no correlation exists to measure.`;
  }
  const after = pair.lag === 0 ? `in the same ${one}` : `${pair.lag} ${pair.lag === 1 ? one : many} later`;
  const numbers = `r = ${pair.r.toFixed(2)} at lag ${pair.lag}, n = ${pair.n}`;
  const missing =
    pair.note === "missing_data"
      ? ` ${many[0]?.toUpperCase()}${many.slice(1)} without a value were left out.`
      : "";
  switch (pair.verdict) {
    case "supports":
      return `${head} (${numbers}): when ${pair.leading} got better, ${pair.lagging} tended to get better ${after}.${missing}`;
    case "contradicts":
      return `${head} (${numbers}): when ${pair.leading} got better, ${pair.lagging} tended to get worse ${after}.${missing}`;
    default:
      return pair.note === "too_few_pairs"
        ? `${head} (${numbers}): too few ${many} to say (at least 6 pairs of changes are needed).`
        : `${head} (best ${numbers}): no consistent link between their changes.${missing}`;
  }
}
