import type { Cadence } from "@kpi-as-code/core";
import type { Grain, Period } from "../types.js";
import { addDays, addMonths, monthStart, quarterStart, weekStart } from "./dates.js";

export const CADENCE_GRAIN: Readonly<Record<Cadence, Grain>> = {
  daily: "day",
  weekly: "week",
  monthly: "month",
  quarterly: "quarter",
};

/** The last complete period of a cadence as of `today`: the period that ends on or before today. */
export function defaultPeriod(cadence: Cadence, today: string): Period {
  switch (cadence) {
    case "daily":
      return { start: addDays(today, -1), end: today };
    case "weekly": {
      const end = weekStart(today);
      return { start: addDays(end, -7), end };
    }
    case "monthly": {
      const end = monthStart(today);
      return { start: addMonths(end, -1), end };
    }
    case "quarterly": {
      const end = quarterStart(today);
      return { start: addMonths(end, -3), end };
    }
  }
}
