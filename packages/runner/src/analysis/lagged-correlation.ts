import { pearson } from "./pearson.js";

export type LeadVerdict = "supports" | "contradicts" | "inconclusive";

/** Pearson's r at one lag, over the `n` periods where both changes exist (r null when undefined). */
export interface LagCorrelation {
  lag: number;
  r: number | null;
  n: number;
}

/** The fewest pairs a verdict other than `inconclusive` needs (spec 5.4). */
export const MIN_PAIRS = 6;
/** The |r| from which a correlation counts as evidence (spec 5.4). */
export const MIN_CORRELATION = 0.5;

/**
 * For each lag k = 0..maxLag, r between the leading change at t-k and the lagging change at t.
 * Both arrays are indexed by the same periods; null entries are missing data and drop their pair.
 */
export function laggedCorrelations(
  leading: readonly (number | null)[],
  lagging: readonly (number | null)[],
  maxLag: number,
): LagCorrelation[] {
  const correlations: LagCorrelation[] = [];
  for (let lag = 0; lag <= maxLag; lag++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = lag; t < lagging.length; t++) {
      const x = leading[t - lag];
      const y = lagging[t];
      if (x === null || x === undefined || y === null || y === undefined) continue;
      xs.push(x);
      ys.push(y);
    }
    correlations.push({ lag, r: pearson(xs, ys) ?? null, n: xs.length });
  }
  return correlations;
}

/**
 * The lag with the largest r (the earliest on a tie); without any defined r, the lag with the most
 * pairs and r null, so the caller can still say how much data there was.
 */
export function bestLag(correlations: readonly LagCorrelation[]): LagCorrelation | undefined {
  let best: LagCorrelation | undefined;
  for (const candidate of correlations) {
    if (candidate.r === null) continue;
    if (!best || (best.r as number) < candidate.r) best = candidate;
  }
  if (best) return best;
  return correlations.reduce<LagCorrelation | undefined>(
    (most, candidate) => (!most || candidate.n > most.n ? candidate : most),
    undefined,
  );
}

/** `supports` when r >= 0.5 over at least 6 pairs, `contradicts` when r <= -0.5, else `inconclusive`. */
export function leadVerdict(r: number | null, n: number): LeadVerdict {
  if (r === null || n < MIN_PAIRS) return "inconclusive";
  if (r >= MIN_CORRELATION) return "supports";
  if (r <= -MIN_CORRELATION) return "contradicts";
  return "inconclusive";
}
