/**
 * First differences: the change of each period on the one before. A change is null when either
 * period has no value, so a gap in the data drops the pairs it touches instead of inventing one.
 */
export function firstDifferences(values: readonly (number | null)[]): (number | null)[] {
  const changes: (number | null)[] = [];
  for (let i = 1; i < values.length; i++) {
    const previous = values[i - 1];
    const current = values[i];
    changes.push(
      previous === null || previous === undefined || current === null || current === undefined
        ? null
        : current - previous,
    );
  }
  return changes;
}

/** "Good is up": a KPI whose better direction is down is turned over, so a rise always means better. */
export function goodIsUp(values: readonly (number | null)[], direction: unknown): (number | null)[] {
  return direction === "decrease" ? values.map((value) => (value === null ? null : -value)) : [...values];
}
