// Time helpers. Timestamps are UTC milliseconds used as wall-clock time (the
// data has no time zone), so the output never depends on the machine's zone.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** First and last day (inclusive) of the generated data, shared by all examples. */
export const DATA_START = Date.UTC(2025, 9, 1);
export const DATA_END = Date.UTC(2026, 11, 31) + DAY - 1000;

export const utc = (isoDate) => Date.parse(`${isoDate}T00:00:00Z`);

/** Every day of the data span, with the facts the generators shape volumes by. */
export function* days() {
  const total = Math.round((DATA_END + 1000 - DATA_START) / DAY);
  for (let index = 0; index < total; index++) {
    const start = DATA_START + index * DAY;
    const date = new Date(start);
    yield {
      start,
      index,
      // 0..1 across the span, for growth trends.
      progress: index / (total - 1),
      weekday: (date.getUTCDay() + 6) % 7, // 0 = Monday
      month: date.getUTCMonth() + 1,
      year: date.getUTCFullYear(),
    };
  }
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28). */
export function addMonths(timestamp, months) {
  const date = new Date(timestamp);
  const day = date.getUTCDate();
  const target = new Date(timestamp);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.getTime();
}

/** A time of day in hours (0..24) drawn around office hours, with an evening tail. */
export function officeHour(random, peak = 13, spread = 3.5, offHoursShare = 0.2) {
  if (random.chance(offHoursShare)) return random.uniform(0, 24);
  const hour = random.normal(peak, spread);
  return Math.min(23.99, Math.max(0, hour));
}

/** Rounds to whole seconds so the CSV text and Parquet values agree exactly. */
export const atHour = (dayStart, hour) => dayStart + Math.round(hour * 3600) * 1000;

export const formatTimestamp = (timestamp) =>
  new Date(timestamp).toISOString().slice(0, 19).replace("T", " ");
export const formatDate = (timestamp) => new Date(timestamp).toISOString().slice(0, 10);
