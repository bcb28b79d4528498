const BARS = "▁▂▃▄▅▆▇█";

/** Values as one line of bars, oldest first; a missing value is a gap so it cannot pass for a low one. */
export function sparkline(values: readonly (number | null)[]): string {
  const numbers = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (numbers.length === 0) return "";
  const low = Math.min(...numbers);
  const span = Math.max(...numbers) - low;
  return values
    .map((value) => {
      if (value === null || !Number.isFinite(value)) return " ";
      const level = span === 0 ? 3 : Math.round(((value - low) / span) * (BARS.length - 1));
      return BARS[level];
    })
    .join("");
}
