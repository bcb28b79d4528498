import type { FunnelResult } from "@kpi-as-code/runner";

const percent = (ratio: number | null) => (ratio === null ? "" : `${(ratio * 100).toFixed(1)}%`);
const count = (value: number | null) => (value === null ? "no value" : String(value));

/** `kpi funnel --format json`: spec 5.5's fields, then what the table notes. */
export function formatFunnelJson(funnels: readonly FunnelResult[]): string {
  const out = funnels.map((funnel) => ({
    funnel: funnel.funnel,
    period: funnel.period,
    steps: funnel.steps,
    biggest_drop: funnel.biggest_drop,
    above_previous: funnel.above_previous,
    ...(Object.keys(funnel.errors).length > 0 ? { errors: funnel.errors } : {}),
    breakdowns: Object.fromEntries(
      Object.entries(funnel.breakdowns).map(([segment, breakdown]) => [
        segment,
        {
          worst: breakdown.worst,
          rows: breakdown.rows.map((row) => ({
            key: row.key,
            steps: row.conversions.steps,
            biggest_drop: row.conversions.biggest_drop,
          })),
        },
      ]),
    ),
  }));
  return `${JSON.stringify({ funnels: out }, null, 2)}\n`;
}

/** A table per funnel: each step's value, conversion from the previous and the first, the biggest drop marked. */
export function formatFunnelText(funnels: readonly FunnelResult[]): string {
  if (funnels.length === 0) return "kpi.yaml declares no funnels.\n";
  const blocks = funnels.map((funnel) => {
    const header = ["step", "value", "from previous", "from first", ""];
    const rows = funnel.steps.map((step) => [
      step.kpi,
      count(step.value),
      percent(step.from_previous),
      percent(step.from_first),
      step.kpi === funnel.biggest_drop ? "<- biggest drop" : "",
    ]);
    const widths = header.map((_, column) =>
      Math.max(...[header, ...rows].map((row) => (row[column] ?? "").length)),
    );
    const line = (row: string[]) =>
      `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ")}`.trimEnd();
    const lines = [`funnel ${funnel.funnel}  ${funnel.period.start} .. ${funnel.period.end} (end exclusive)`];
    lines.push(line(header), ...rows.map(line));
    for (const step of funnel.above_previous) {
      const value = funnel.steps.find((candidate) => candidate.kpi === step)?.from_previous ?? null;
      lines.push(
        `  note: ${step} is above the step before it (${percent(value)}), shown as it is: the steps may not count the same people.`,
      );
    }
    for (const [step, error] of Object.entries(funnel.errors)) lines.push(`  ${step}: ${error}`);
    for (const [segment, breakdown] of Object.entries(funnel.breakdowns)) {
      if (!breakdown.worst) continue;
      lines.push(
        `  by ${segment}: the worst drop is ${breakdown.worst.key ?? "(none)"} at ${breakdown.worst.step} (${percent(breakdown.worst.from_previous)} from the previous step)`,
      );
    }
    return lines.join("\n");
  });
  return `${blocks.join("\n\n")}\n`;
}
