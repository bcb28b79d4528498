/** One step of a funnel for one period: its value and the conversions spec 5.5 defines. */
export interface FunnelStep {
  kpi: string;
  value: number | null;
  /** value / the previous step's value; null for the first step or without both values (or a 0 before). */
  from_previous: number | null;
  /** value / the first step's value; null without both values or when the first is 0. */
  from_first: number | null;
}

export interface FunnelConversions {
  steps: FunnelStep[];
  /** The step with the lowest `from_previous`, or null when no step has one. */
  biggest_drop: string | null;
  /** Steps whose value exceeds the previous step's (a conversion above 100%): shown as they are. */
  above_previous: string[];
}

/**
 * Conversions between consecutive steps and from the first. A step above the previous one is kept
 * as it is (above 1) and listed, never clipped: it usually means the steps count different things.
 */
export function funnelConversions(
  values: readonly { kpi: string; value: number | null }[],
): FunnelConversions {
  const first = values[0]?.value ?? null;
  const steps = values.map(({ kpi, value }, index): FunnelStep => {
    const previous = index === 0 ? null : (values[index - 1]?.value ?? null);
    return {
      kpi,
      value,
      from_previous: index === 0 ? null : ratio(value, previous),
      from_first: ratio(value, first),
    };
  });
  let biggest: FunnelStep | undefined;
  for (const step of steps) {
    if (step.from_previous === null) continue;
    if (!biggest || step.from_previous < (biggest.from_previous as number)) biggest = step;
  }
  return {
    steps,
    biggest_drop: biggest?.kpi ?? null,
    above_previous: steps
      .filter((step) => step.from_previous !== null && step.from_previous > 1)
      .map((step) => step.kpi),
  };
}

function ratio(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return value / base;
}

/** The segment value whose conversion at some step is the worst of all values and steps. */
export interface WorstSegmentDrop {
  key: string | null;
  step: string;
  from_previous: number;
}

export function worstSegmentDrop(
  rows: readonly { key: string | null; conversions: FunnelConversions }[],
): WorstSegmentDrop | null {
  let worst: WorstSegmentDrop | null = null;
  for (const { key, conversions } of rows) {
    for (const step of conversions.steps) {
      if (step.from_previous === null) continue;
      if (!worst || step.from_previous < worst.from_previous) {
        worst = { key, step: step.kpi, from_previous: step.from_previous };
      }
    }
  }
  return worst;
}
