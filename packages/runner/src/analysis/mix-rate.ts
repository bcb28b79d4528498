/** One segment value's numerator and denominator (activated and signups of channel `ads`). */
export interface SegmentRatio {
  key: string | null;
  numerator: number;
  denominator: number;
}

export interface SegmentMixRate {
  key: string | null;
  /** The part of the change from this segment's weight (share of the denominator) changing. */
  mix: number;
  /** The part from the rate within this segment changing. */
  rate: number;
}

export interface MixRateDecomposition {
  before: number;
  after: number;
  change: number;
  mix: number;
  rate: number;
  segments: SegmentMixRate[];
}

/**
 * Splits the change of an overall rate (sum of numerators / sum of denominators) into mix (the
 * segments' weights moved) and rate (the rates within segments moved), with midpoint weights:
 * mix = sum (w' - w)(r + r')/2, rate = sum (r' - r)(w + w')/2, which add up to the change exactly.
 * A segment absent in one period has weight 0 there; its rate is taken from the other period.
 * Undefined when either period's denominator is 0 (no overall rate).
 */
export function mixRate(
  before: readonly SegmentRatio[],
  after: readonly SegmentRatio[],
): MixRateDecomposition | undefined {
  const totalBefore = sum(before, "denominator");
  const totalAfter = sum(after, "denominator");
  if (totalBefore === 0 || totalAfter === 0) return undefined;
  const keys = [...new Set([...before, ...after].map((row) => row.key))];
  const segments = keys.map((key): SegmentMixRate => {
    const b = before.find((row) => row.key === key);
    const a = after.find((row) => row.key === key);
    const wBefore = (b?.denominator ?? 0) / totalBefore;
    const wAfter = (a?.denominator ?? 0) / totalAfter;
    const rBefore = b && b.denominator !== 0 ? b.numerator / b.denominator : undefined;
    const rAfter = a && a.denominator !== 0 ? a.numerator / a.denominator : undefined;
    const rb = rBefore ?? rAfter ?? 0;
    const ra = rAfter ?? rBefore ?? 0;
    return { key, mix: ((wAfter - wBefore) * (rb + ra)) / 2, rate: ((ra - rb) * (wBefore + wAfter)) / 2 };
  });
  const from = sum(before, "numerator") / totalBefore;
  const to = sum(after, "numerator") / totalAfter;
  return {
    before: from,
    after: to,
    change: to - from,
    mix: segments.reduce((total, segment) => total + segment.mix, 0),
    rate: segments.reduce((total, segment) => total + segment.rate, 0),
    segments,
  };
}

function sum(rows: readonly SegmentRatio[], field: "numerator" | "denominator"): number {
  return rows.reduce((total, row) => total + row[field], 0);
}
