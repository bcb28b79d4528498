import { AGGREGATE_NAMES, AGGREGATES } from "../registry/aggregates.js";
import { idSchema } from "./common.js";

export const IDENTIFIER_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$";
/** A table or view: up to three parts (`database.schema.table`), each quoted by the dialect. */
export const TABLE_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,2}$";

/** `<N>d` with N in 1..3660, or `all`: the alternatives spell out the bound, so `0d` and `3661d` fail here. */
export const WINDOW_PATTERN = "^(all|([1-9][0-9]{0,2}|[12][0-9]{3}|3[0-5][0-9]{2}|36[0-5][0-9]|3660)d)$";

const column = (description: string) => ({ type: "string", pattern: IDENTIFIER_PATTERN, description });

const WITH_COLUMN = AGGREGATE_NAMES.filter((name) => AGGREGATES[name].needsColumn);

const absent = (...fields: string[]) => ({
  properties: Object.fromEntries(fields.map((field) => [field, false])),
});

const aggregateIs = (names: readonly string[]) => ({
  properties: { aggregate: { enum: names } },
  required: ["aggregate"],
});

/**
 * A measure: structured (`from` + `aggregate` and what it aggregates) or raw `sql`. The combinations
 * of section 4 of the spec are `false` schemas, so a field that may not be there is reported at its
 * own key (validate-schema.ts says why, per field).
 */
export const measureSchema = {
  type: "object",
  description:
    "A number computed from a source: structured (`from` + `aggregate` [+ `column` | `expr` | `duration`, `where`, `time` [+ `window`] | `active`]) or raw `sql`.",
  additionalProperties: false,
  required: ["source"],
  properties: {
    source: idSchema("The source id (from `sources` in kpi.yaml) this measure is computed from."),
    from: {
      type: "string",
      pattern: TABLE_PATTERN,
      description:
        "The table or view to aggregate (optionally `schema.table`, or `database.schema.table` on PostgreSQL and DuckDB).",
    },
    aggregate: {
      enum: AGGREGATE_NAMES,
      description: `How rows become one number: ${AGGREGATE_NAMES.map((name) => `\`${name}\` ${AGGREGATES[name].summary}`).join("; ")}. \`count\` and \`count_distinct\` over no rows are 0; the others are null (no data).`,
    },
    percentile: {
      type: "number",
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      description:
        "Only with `aggregate: percentile`: the fraction P (0 < P < 1), e.g. 0.9 for the 90th percentile. Continuous, as PostgreSQL's percentile_cont: with the n non-null values sorted and h = (n-1)*P, the value at h, interpolated linearly between its neighbours. Over no rows: null.",
    },
    column: column(
      "The column to aggregate. Every aggregate but `count` needs one of `column`, `expr` or `duration`.",
    ),
    expr: {
      type: "string",
      minLength: 1,
      description:
        "A SQL expression to aggregate instead of a column, in the source's dialect (e.g. `amount - refunded`). May use `:start` and `:end`, the period's bounds.",
    },
    duration: {
      type: "object",
      description:
        "Aggregates the time from `from` to `to` in hours, as a decimal number (90 minutes = 1.5), on every engine; null when either is null.",
      additionalProperties: false,
      required: ["from", "to"],
      properties: {
        from: column("The timestamp column where the duration starts (e.g. `created_at`)."),
        to: column("The timestamp column where the duration ends (e.g. `first_response_at`)."),
      },
    },
    where: {
      type: "string",
      minLength: 1,
      description:
        "A SQL boolean expression, in the source's dialect, that filters rows. May use `:start` and `:end`, bound to the period's bounds (in a series, the bucket's; with a `window`, still the period's).",
    },
    time: column(
      "Timestamp column that places a row in a period (`start <= time < end`). Without it (and without `active`) the measure is a snapshot.",
    ),
    window: {
      type: "string",
      pattern: WINDOW_PATTERN,
      description:
        "Only with `time`: counts the rows in the N days up to the period's end (`end - N days <= time < end`) instead of the period, e.g. `28d` for 28-day actives; `all` counts every row with `time < end`. N is 1..3660. Each bucket of a series and each breakdown uses its own end.",
    },
    active: {
      type: "object",
      description:
        "State at an instant, instead of `time`: a row counts when `from < T` and (`until` is null or `until >= T`), with T the period's end (or start, with `at: start`). E.g. tickets open at the end of the month.",
      additionalProperties: false,
      required: ["from", "until"],
      properties: {
        from: column("The timestamp column where the row's state begins (e.g. `opened_at`)."),
        until: column("The timestamp column where it ends, null while it lasts (e.g. `closed_at`)."),
        at: {
          enum: ["end", "start"],
          description: "The instant T: the period's `end` (default) or its `start`.",
        },
      },
    },
    sql: {
      type: "string",
      minLength: 1,
      description:
        "Raw SQL returning one row with one number; the period is bound as `:start` and `:end`. Cannot be broken down by segments.",
    },
  },
  dependentSchemas: {
    sql: absent(
      "from",
      "aggregate",
      "column",
      "expr",
      "duration",
      "where",
      "time",
      "window",
      "active",
      "percentile",
    ),
    column: absent("expr", "duration"),
    expr: absent("duration"),
    active: absent("time"),
  },
  allOf: [
    { if: { not: { anyOf: [{ required: ["time"] }, { required: ["sql"] }] } }, then: absent("window") },
    { if: aggregateIs(["count"]), then: absent("column", "expr", "duration") },
    { if: aggregateIs(["percentile"]), then: { required: ["percentile"] }, else: absent("percentile") },
  ],
  if: { required: ["sql"] },
  else: {
    required: ["from", "aggregate"],
    if: {
      ...aggregateIs(WITH_COLUMN),
      not: { anyOf: [{ required: ["expr"] }, { required: ["duration"] }] },
    },
    then: { required: ["column"] },
  },
};
