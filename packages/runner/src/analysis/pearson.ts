/**
 * Pearson's correlation coefficient of paired samples. Undefined (not NaN) when there are fewer
 * than two pairs or either side is constant: r has no value there, and callers say so.
 */
export function pearson(xs: readonly number[], ys: readonly number[]): number | undefined {
  const n = Math.min(xs.length, ys.length);
  if (n < 2 || isConstant(xs, n) || isConstant(ys, n)) return undefined;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += xs[i] as number;
    meanY += ys[i] as number;
  }
  meanX /= n;
  meanY /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - meanX;
    const dy = (ys[i] as number) - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const r = sxy / Math.sqrt(sxx * syy);
  if (!Number.isFinite(r)) return undefined;
  // Rounding can push a perfect correlation a hair past ±1.
  return Math.max(-1, Math.min(1, r));
}

// Exact comparison on purpose: the mean of equal values can differ from them by rounding, which
// would turn a constant series into noise with a meaningless r.
function isConstant(values: readonly number[], n: number): boolean {
  for (let i = 1; i < n; i++) if (values[i] !== values[0]) return false;
  return true;
}
