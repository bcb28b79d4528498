import {
  bestLag,
  firstDifferences,
  goodIsUp,
  laggedCorrelations,
  leadVerdict,
  pearson,
} from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";

describe("pearson", () => {
  it("matches a hand computation", () => {
    // x = 1,2,3,4 (mean 2.5), y = 2,4,5,4 (mean 3.75): sxy = 3.5, sxx = 5, syy = 4.75,
    // r = 3.5 / sqrt(5 * 4.75) = 0.7181848464596079
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 4])).toBeCloseTo(0.7181848464596079, 12);
  });

  it("is exactly 1 and -1 on straight lines, never past them", () => {
    expect(pearson([0.1, 0.2, 0.3], [0.3, 0.6, 0.9])).toBe(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
  });

  it("is undefined for a constant side or fewer than two pairs, never NaN", () => {
    expect(pearson([0.1, 0.1, 0.1, 0.1], [1, 2, 3, 4])).toBeUndefined();
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeUndefined();
    expect(pearson([1], [2])).toBeUndefined();
    expect(pearson([], [])).toBeUndefined();
  });
});

describe("firstDifferences and goodIsUp", () => {
  it("takes the change on the previous period; a missing value drops both changes it touches", () => {
    expect(firstDifferences([1, 3, 6, 10])).toEqual([2, 3, 4]);
    expect(firstDifferences([1, null, 6, 10])).toEqual([null, null, 4]);
    expect(firstDifferences([5])).toEqual([]);
  });

  it("turns a KPI whose better direction is down over", () => {
    expect(goodIsUp([1, null, -2], "decrease")).toEqual([-1, null, 2]);
    expect(goodIsUp([1, null, -2], "increase")).toEqual([1, null, -2]);
  });
});

describe("laggedCorrelations and bestLag", () => {
  // The lagging changes repeat the leading changes one period later.
  const leading = [1, -2, 3, 0, 2, -1, 4, -3, 1];
  const lagging = [0, 1, -2, 3, 0, 2, -1, 4, -3];

  it("pairs the leading change at t-k with the lagging change at t", () => {
    const correlations = laggedCorrelations(leading, lagging, 2);
    expect(correlations.map(({ lag, n }) => ({ lag, n }))).toEqual([
      { lag: 0, n: 9 },
      { lag: 1, n: 8 },
      { lag: 2, n: 7 },
    ]);
    expect(correlations[1]?.r).toBe(1);
    expect(bestLag(correlations)).toEqual({ lag: 1, r: 1, n: 8 });
  });

  it("leaves out the pairs with a missing change", () => {
    const correlations = laggedCorrelations([1, null, 3, 4], [2, 4, null, 8], 0);
    expect(correlations).toEqual([{ lag: 0, r: 1, n: 2 }]);
  });

  it("gives r null (and the lag with most pairs) when a series does not change", () => {
    const best = bestLag(laggedCorrelations([0, 0, 0, 0, 0, 0, 0], [1, 2, 3, 1, 2, 3, 1], 2));
    expect(best).toEqual({ lag: 0, r: null, n: 7 });
  });
});

describe("leadVerdict", () => {
  it("needs |r| >= 0.5 over at least 6 pairs", () => {
    expect(leadVerdict(0.5, 6)).toBe("supports");
    expect(leadVerdict(-0.5, 6)).toBe("contradicts");
    expect(leadVerdict(0.49, 20)).toBe("inconclusive");
    expect(leadVerdict(0.99, 5)).toBe("inconclusive");
    expect(leadVerdict(null, 10)).toBe("inconclusive");
  });
});
