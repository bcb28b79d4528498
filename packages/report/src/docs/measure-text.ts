import { type Aggregate, asRecord, type StructuredMeasure, type Workspace } from "@kpi-as-code/core";
import { cell, code } from "./markdown.js";

/** How the catalogue names each aggregate (keyed by core's registry: a new aggregate is a type error here until named). */
const AGGREGATE_TEXT: Record<Aggregate, string> = {
  count: "count",
  count_distinct: "count of distinct",
  sum: "sum",
  avg: "average",
  min: "minimum",
  max: "maximum",
  median: "median",
  percentile: "percentile",
};

/**
 * What a structured measure aggregates, in words (spec 4.1, 4.2, 4.5): `median of the hours from
 * `created_at` to `first_response_at` in `tickets``, `90th percentile of ...`, `sum of the
 * expression `...` in the view `rated_tickets``, `count of rows in `orders``.
 */
export function measureWhat(workspace: Workspace, measure: StructuredMeasure): string {
  const operand = measureOperand(measure);
  const aggregate =
    measure.aggregate === "percentile"
      ? `${typeof measure.percentile === "number" ? `${ordinal(measure.percentile * 100)} ` : ""}percentile`
      : (AGGREGATE_TEXT[measure.aggregate] ?? String(measure.aggregate));
  const of =
    measure.aggregate === "count_distinct"
      ? `${aggregate} ${operand ?? "values"}`
      : `${aggregate} of ${operand ?? "rows"}`;
  const views = asRecord(asRecord(workspace.sources[measure.source]).views);
  const from = Object.hasOwn(views, measure.from)
    ? `the view ${code(cell(measure.from))}`
    : code(cell(measure.from));
  return `${of} in ${from}`;
}

function measureOperand(measure: StructuredMeasure): string | undefined {
  if (measure.duration) {
    return `the hours from ${code(cell(measure.duration.from))} to ${code(cell(measure.duration.to))}`;
  }
  if (typeof measure.expr === "string") return `the expression ${code(cell(measure.expr))}`;
  if (typeof measure.column === "string") return code(cell(measure.column));
  return undefined;
}

/**
 * Which rows a structured measure takes for a period (spec 1, 4.3, 4.4): by `time` in the period or
 * in a window up to its end, by `active` at its end or start, else all rows (a snapshot).
 */
export function measureWhen(measure: StructuredMeasure): string {
  if (measure.active) {
    const at = measure.active.at === "start" ? "start" : "end";
    return (
      `rows active at the period's ${at}: ${code(cell(measure.active.from))} before it and ` +
      `${code(cell(measure.active.until))} empty or not before it`
    );
  }
  if (typeof measure.time !== "string") return "all rows (a snapshot, not windowed by time)";
  const time = code(cell(measure.time));
  if (measure.window === "all") return `${time} at any time up to the period's end (window: all)`;
  const days = typeof measure.window === "string" ? /^(\d+)d$/.exec(measure.window)?.[1] : undefined;
  if (days !== undefined) {
    return `${time} over the ${days} day${days === "1" ? "" : "s"} up to the period's end (window: ${days}d)`;
  }
  return `${time} in the period`;
}

/** `90th`, `99.9th`, `1st`, `42nd`, `33rd`: a percentile's rank. */
function ordinal(rank: number): string {
  const text = String(Number(rank.toPrecision(12)));
  if (!/^\d+$/.test(text)) return `${text}th`;
  const lastTwo = Number(text) % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${text}th`;
  const suffix = { 1: "st", 2: "nd", 3: "rd" }[Number(text) % 10] ?? "th";
  return `${text}${suffix}`;
}
