import { RULE_IDS } from "../registry/rule-ids.js";
import {
  SOURCE_TYPE_NAMES,
  SOURCE_TYPES,
  type SourceOptionInfo,
  type SourceType,
} from "../registry/source-types.js";

// Written out of a template so that linters do not take it for a placeholder.
const ENV_EXAMPLE = ["$", "{env:WAREHOUSE_URL}"].join("");

import { alertsSchema } from "./alerts-schema.js";
import { dateSchema, ID_PATTERN, idSchema } from "./common.js";
import { funnelsSchema } from "./funnels-schema.js";

const owner = {
  type: "object",
  description: "A team or person who can own goals and KPIs.",
  additionalProperties: false,
  properties: {
    name: { type: "string", description: "Display name of the owner." },
    contact: { type: "string", description: "How to reach the owner (e-mail, chat channel)." },
  },
};

const goal = {
  type: "object",
  description: "A business objective that KPIs align to.",
  additionalProperties: false,
  required: ["statement"],
  properties: {
    statement: {
      type: "string",
      minLength: 1,
      description: "The objective in one sentence, ideally specific and time-bound.",
    },
    owner: idSchema("The owner id (from `owners`) accountable for this goal."),
    period: {
      type: "object",
      description: "The period the goal covers.",
      additionalProperties: false,
      required: ["start", "end"],
      properties: {
        start: dateSchema("First day of the goal's period"),
        end: dateSchema("Last day of the goal's period"),
      },
    },
  },
};

/** A source type's `options`: its allowed settings only, each an unknown field anywhere else. */
function sourceOptionsSchema(type: SourceType) {
  const options = SOURCE_TYPES[type].options as Record<string, SourceOptionInfo>;
  return {
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(options).map(([name, option]) => [
        name,
        option.type === "integer"
          ? { type: "integer", minimum: 1, description: `${type}: ${option.summary}.` }
          : {
              type: "string",
              ...(option.pattern ? { pattern: option.pattern } : {}),
              description: `${type}: ${option.summary}.`,
            },
      ]),
    ),
  };
}

const source = {
  type: "object",
  description: "A data source that measures are computed from.",
  additionalProperties: false,
  required: ["type"],
  properties: {
    type: {
      enum: SOURCE_TYPE_NAMES,
      description: `The engine: ${SOURCE_TYPE_NAMES.map((name) => `\`${name}\` (${SOURCE_TYPES[name].summary})`).join(", ")}.`,
    },
    path: {
      type: "string",
      minLength: 1,
      description:
        "Database file, relative to kpi.yaml (duckdb: optional, omitted = in-memory; sqlite: required).",
    },
    url: {
      type: "string",
      minLength: 1,
      description: `Connection URL (postgres, mysql). Put secrets in the environment: "${ENV_EXAMPLE}".`,
    },
    tables: {
      type: "object",
      description: "duckdb only: files exposed as tables, name -> path or glob (csv, parquet, json, jsonl).",
      propertyNames: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
      additionalProperties: {
        type: "string",
        minLength: 1,
        description: "A file path or glob, relative to kpi.yaml.",
      },
    },
    views: {
      type: "object",
      description:
        "Named queries a measure's `from` may read, name -> one SELECT in the source's dialect over its tables and other views (no cycles).",
      propertyNames: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
      additionalProperties: {
        type: "string",
        minLength: 1,
        description: "One SELECT in the source's dialect, e.g. a join or a cleaned table.",
      },
    },
    options: {
      type: "object",
      description:
        "Engine settings for the source's session, beyond the URL; each type allows only settings that keep the sandbox and read-only mode (see `type`).",
    },
    description: { type: "string", description: "What this source holds." },
    timeout: {
      type: "number",
      exclusiveMinimum: 0,
      description:
        "Seconds a query on this source may run before it is cancelled, on the server too (default 60; `--timeout` overrides; in `--untrusted` runs it may only lower the limit).",
    },
  },
  allOf: [
    ...SOURCE_TYPE_NAMES.map((name) => ({
      if: { properties: { type: { const: name } }, required: ["type"] },
      then: { properties: { options: sourceOptionsSchema(name) } },
    })),
    ...SOURCE_TYPE_NAMES.flatMap((name) => {
      const { required } = SOURCE_TYPES[name];
      return required.length === 0
        ? []
        : [{ if: { properties: { type: { const: name } } }, then: { required: [...required] } }];
    }),
    {
      if: {
        properties: {
          type: { not: { enum: SOURCE_TYPE_NAMES.filter((name) => SOURCE_TYPES[name].tables) } },
        },
      },
      then: { properties: { tables: false } },
    },
  ],
};

const severitySetting = {
  enum: ["error", "warning", "info", "off"],
  description: "The severity this rule reports with, or `off`.",
};

const policy = {
  type: "object",
  description: "How strictly the method's rules apply to this workspace.",
  additionalProperties: false,
  properties: {
    core_kpis: {
      type: "object",
      description: "How many core KPIs the workspace should have (default 3 to 7).",
      additionalProperties: false,
      properties: {
        min: { type: "integer", minimum: 0, description: "Fewest core KPIs (default 3)." },
        max: { type: "integer", minimum: 0, description: "Most core KPIs (default 7)." },
      },
    },
    balance: {
      enum: ["per_goal", "workspace", "off"],
      description:
        "Where both a leading and a lagging KPI are required: for each goal (default), once for the workspace, or not at all.",
    },
    rules: {
      type: "object",
      description: "Severity overrides by rule id.",
      propertyNames: { enum: [...RULE_IDS] },
      additionalProperties: severitySetting,
    },
  },
};

/** JSON Schema (draft 2020-12) of the project file `kpi.yaml`. */
export const projectSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://kpi-as-code.dev/schema/kpi-project.json",
  title: "kpi.yaml",
  description: "The project file of a KPI workspace: owners, goals, sources and policy.",
  type: "object",
  additionalProperties: false,
  required: ["project"],
  properties: {
    project: { type: "string", minLength: 1, description: "The project's name." },
    owners: {
      type: "object",
      description: "Who may own goals and KPIs, by id.",
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: owner,
    },
    goals: {
      type: "object",
      description: "Business objectives that KPIs align to, by id.",
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: goal,
    },
    sources: {
      type: "object",
      description: "Where measures are computed, by id.",
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: source,
    },
    calendar: {
      type: "object",
      description:
        "How periods are cut: bounds are local midnights in `timezone`, weeks start on `week_start`, quarters and years are fiscal from `fiscal_year_start`.",
      additionalProperties: false,
      properties: {
        timezone: {
          type: "string",
          minLength: 1,
          description:
            "IANA time zone whose local midnights bound every period (default UTC), e.g. `Europe/Berlin`. Bounds reach the engine as UTC instants; time columns are read as UTC.",
        },
        week_start: {
          enum: ["monday", "sunday"],
          description:
            "The first day of a week (default monday); with sunday, `2026-W47` starts the Sunday before ISO week 47's Monday.",
        },
        fiscal_year_start: {
          type: "integer",
          minimum: 1,
          maximum: 12,
          description:
            "The month (1..12) the fiscal year starts in (default 1). Quarters and years are fiscal, named by the calendar year the fiscal year starts in: with 4, `2026-Q1` is 2026-04-01..2026-07-01.",
        },
      },
    },
    policy,
    alerts: alertsSchema,
    funnels: funnelsSchema,
  },
} as const;
