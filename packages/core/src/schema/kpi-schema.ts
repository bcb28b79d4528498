import { dateSchema, ID_PATTERN, idSchema } from "./common.js";
import { IDENTIFIER_PATTERN, measureSchema } from "./measure-schema.js";

const targetPoint = (description: string) => ({
  type: "object",
  description,
  additionalProperties: false,
  required: ["value", "by"],
  properties: {
    value: { type: "number", description: "The value to reach, in the KPI's unit." },
    by: dateSchema("The date by which to reach it"),
  },
});

/** JSON Schema (draft 2020-12) of a KPI file `*.kpi.yaml`. */
export const kpiSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://kpi-as-code.dev/schema/kpi.json",
  title: "KPI file",
  description: "One KPI: what it measures, how it is computed, who owns it, where it should go.",
  type: "object",
  additionalProperties: false,
  required: [
    "kpi",
    "version",
    "name",
    "description",
    "owner",
    "goal",
    "indicator",
    "direction",
    "cadence",
    "formula",
  ],
  properties: {
    kpi: idSchema("The KPI's id, unique in the workspace; the file is named `<id>.kpi.yaml`."),
    version: {
      type: "integer",
      minimum: 1,
      description:
        "Version of the KPI's meaning: bump it on every change of formula, measures, unit, direction, target, thresholds or segments.",
    },
    name: { type: "string", minLength: 1, description: "Human-readable name." },
    description: { type: "string", minLength: 1, description: "What the KPI means, in plain language." },
    owner: idSchema("The owner id (from `owners` in kpi.yaml) accountable for this KPI."),
    goal: idSchema("The goal id (from `goals` in kpi.yaml) this KPI is aligned to."),
    category: {
      enum: ["acquisition", "activation", "retention", "revenue", "quality", "experience", "operations"],
      description: "Which part of the business the KPI watches.",
    },
    indicator: {
      enum: ["leading", "lagging"],
      description:
        "`leading`: predicts the outcome and can be acted on early; `lagging`: the outcome itself.",
    },
    core: {
      type: "boolean",
      description: "Whether this is one of the workspace's 3 to 7 core KPIs (default false).",
    },
    unit: {
      enum: ["ratio", "percent", "count", "currency", "duration", "score"],
      description:
        "`ratio` (0..1), `percent` (0..100), `count`, `currency` (with `currency`), `duration` (hours unless stated otherwise), `score` (within `range`).",
    },
    currency: {
      type: "string",
      pattern: "^[A-Z]{3}$",
      description: "ISO 4217 currency code; only with unit `currency`.",
    },
    range: {
      type: "array",
      description: "The score scale's bounds `[min, max]`; only with unit `score`.",
      prefixItems: [
        { type: "number", description: "Lowest possible score." },
        { type: "number", description: "Highest possible score." },
      ],
      minItems: 2,
      maxItems: 2,
    },
    direction: { enum: ["increase", "decrease"], description: "Which way is better." },
    cadence: {
      enum: ["daily", "weekly", "monthly", "quarterly", "yearly"],
      description:
        "How often the KPI is computed and looked at; the default period is the last complete one (quarters and years follow kpi.yaml's `calendar`).",
    },
    formula: {
      type: "string",
      minLength: 1,
      description:
        "Arithmetic over measure ids and other KPI ids: numbers, `+ - * /`, parentheses, `min(...)`, `max(...)`, `abs(x)`, and `previous(x)` or `previous(x, n)`: x for the period n (1..366, default 1) periods back.",
    },
    measures: {
      type: "object",
      description: "The numbers the formula is computed from, by id.",
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: measureSchema,
    },
    segments: {
      type: "array",
      description: "Columns to break the value down by.",
      items: {
        type: "string",
        pattern: IDENTIFIER_PATTERN,
        description: "A column present in every measure's table.",
      },
      uniqueItems: true,
    },
    target: {
      type: "object",
      description: "Where the KPI should go: from the baseline to a short-term and a mid-term value.",
      additionalProperties: false,
      properties: {
        baseline: {
          type: "object",
          description: "Where the KPI stood when the target was set.",
          additionalProperties: false,
          required: ["value", "at"],
          properties: {
            value: { type: "number", description: "The value at the baseline date." },
            at: dateSchema("The date the baseline was measured"),
          },
        },
        short_term: targetPoint("The next milestone (typically this quarter)."),
        mid_term: targetPoint("The later milestone (typically within a year)."),
      },
    },
    benchmark: {
      type: "object",
      description: "An external reference value and where it comes from.",
      additionalProperties: false,
      required: ["value"],
      properties: {
        value: { type: "number", description: "The benchmark value, in the KPI's unit." },
        source: { type: "string", description: "Where the benchmark comes from." },
      },
    },
    thresholds: {
      type: "object",
      description: "Alert levels: beyond `warning` is at risk, beyond `critical` is off track.",
      additionalProperties: false,
      properties: {
        warning: {
          type: "number",
          description: "Beyond this value (on the bad side of `direction`) the KPI is at risk.",
        },
        critical: { type: "number", description: "Beyond this value the KPI is off track." },
      },
    },
    action_plan: {
      type: "array",
      description: "What to try when the KPI is below target.",
      items: {
        type: "object",
        description: "One hypothesis and how to test it.",
        additionalProperties: false,
        required: ["hypothesis"],
        properties: {
          hypothesis: { type: "string", minLength: 1, description: "What might move the KPI." },
          experiment: { type: "string", description: "How to test the hypothesis." },
          owner: idSchema("Who runs the experiment (an owner id)."),
          due: dateSchema("When the experiment should report"),
          started: dateSchema("When the action started (`kpi review` shows its measured effect)"),
        },
      },
    },
    review: {
      type: "object",
      description: "When the KPI is reviewed.",
      additionalProperties: false,
      required: ["every"],
      properties: {
        every: { enum: ["week", "month", "quarter"], description: "How often the KPI is reviewed." },
        next: dateSchema("The next review"),
      },
    },
    tags: {
      type: "array",
      description: "Free labels for grouping and search.",
      items: { type: "string", description: "A label." },
    },
  },
  allOf: [
    { if: { properties: { unit: { const: "score" } }, required: ["unit"] }, then: { required: ["range"] } },
    {
      if: { not: { properties: { unit: { const: "currency" } }, required: ["unit"] } },
      then: { properties: { currency: false } },
    },
    {
      if: { not: { properties: { unit: { const: "score" } }, required: ["unit"] } },
      then: { properties: { range: false } },
    },
  ],
} as const;
