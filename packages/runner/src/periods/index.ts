export { type SeriesBucket, seriesBuckets } from "./buckets.js";
export {
  boundValue,
  type Calendar,
  calendarToday,
  calendarWeekStart,
  DEFAULT_CALENDAR,
  fiscalQuarterStart,
  fiscalYearStart,
  isDefaultCalendar,
  isTimeZone,
  localDate,
  localMidnightUtc,
} from "./calendar.js";
export { parseDate } from "./dates.js";
export { CADENCE_GRAIN, defaultPeriod } from "./default-period.js";
export { bucketStart, GRAINS, isGrain, nextBucketStart } from "./grain.js";
export { parsePeriodShorthand, periodFromRange } from "./parse-period.js";
export { periodLabel } from "./period-label.js";
export { isCadencePeriod, periodGrain, previousPeriod, shiftPeriod } from "./previous-period.js";
export { workspaceCalendar } from "./workspace-calendar.js";
