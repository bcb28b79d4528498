import type { WhyResult } from "@kpi-as-code/runner";

const METHOD_TEXT = {
  "log-ratio":
    "log-ratio: the formula is a product or quotient of its inputs, so each input's part is the logarithmic mean of the two values x its exponent x ln(after / before)",
  "sequential-substitution":
    "sequential substitution: the inputs are switched to the new period one at a time in formula order; each part is the change that switch made (another order could split differently)",
} as const;

const number = (value: number) => `${Number(value.toPrecision(6))}`;
const signed = (value: number) => (value >= 0 ? `+${number(value)}` : number(value));

/** `kpi why --format json`: the result as computed. */
export function formatWhyJson(why: WhyResult): string {
  return `${JSON.stringify(why, null, 2)}\n`;
}

/** The change, its parts by input with the method named, and by segment; each list ends with its sum. */
export function formatWhyText(why: WhyResult): string {
  const value = (v: number | null) => (v === null ? "no value" : number(v));
  const lines = [
    `${why.kpi}: ${value(why.before)} (${why.previous.start} .. ${why.previous.end}) -> ${value(why.after)} (${why.period.start} .. ${why.period.end}), change ${why.change === null ? "unknown" : signed(why.change)}`,
  ];
  if (why.inputs) {
    lines.push(`by input (${METHOD_TEXT[why.inputs.method]}):`);
    const width = Math.max(...why.inputs.parts.map((part) => part.name.length));
    for (const part of why.inputs.parts) {
      lines.push(
        `  ${part.name.padEnd(width)}  ${number(part.before)} -> ${number(part.after)}: ${signed(part.contribution)}`,
      );
    }
    const sum = why.inputs.parts.reduce((total, part) => total + part.contribution, 0);
    lines.push(`  sum of the parts: ${signed(sum)} (the change: ${signed(why.inputs.change)})`);
  } else {
    lines.push(`not split by input: ${why.problem ?? "no value"}`);
  }
  for (const [segment, split] of Object.entries(why.segments)) {
    if (split.kind === "mix-rate") {
      lines.push(
        `by ${segment} (mix: the segments' shares moved; rate: the rate within segments moved): mix ${signed(split.mix)}, rate ${signed(split.rate)}, sum ${signed(split.mix + split.rate)}`,
      );
      for (const part of split.segments) {
        lines.push(`  ${part.key ?? "(none)"}: mix ${signed(part.mix)}, rate ${signed(part.rate)}`);
      }
    } else {
      lines.push(`by ${segment} (each value's change): sum ${signed(split.change)}`);
      for (const part of split.parts) {
        lines.push(
          `  ${part.key ?? "(none)"}: ${number(part.before)} -> ${number(part.after)}: ${signed(part.contribution)}`,
        );
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
