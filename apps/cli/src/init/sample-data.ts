// Deterministic sample rows for `kpi init`: the same files for the same `today`, on every machine.

/** A linear congruential generator: [0, 1) numbers, the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const DAY = 86_400_000;

/** `YYYY-MM-DD HH:MM:SS` (UTC) of an instant in milliseconds. */
export const timestamp = (time: number) => new Date(time).toISOString().replace("T", " ").slice(0, 19);

/** The window of sample data: the 183 days before `today`, as milliseconds. */
export function sampleWindow(today: string): { start: number; end: number } {
  const end = Date.parse(`${today}T00:00:00Z`);
  return { start: end - 183 * DAY, end };
}

/** One of `values`, uniformly. */
export const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;

/** A log-normal draw around `median` (spread `sigma`), from two uniforms (Box–Muller). */
export function logNormal(random: () => number, median: number, sigma: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(sigma * normal);
}

/** CSV text from a header and rows (no value here needs quoting). */
export const csv = (header: string[], rows: (string | number | boolean | null)[][]) =>
  `${[header, ...rows].map((row) => row.map((cell) => (cell === null ? "" : String(cell))).join(",")).join("\n")}\n`;

export { DAY };
