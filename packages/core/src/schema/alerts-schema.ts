import { ID_PATTERN, idSchema } from "./common.js";

// Written out of a template so that linters do not take it for a placeholder.
const ENV_EXAMPLE = ["$", "{env:SLACK_WEBHOOK_URL}"].join("");

/** The statuses a run gives (spec 3 and 5.1): what a route may alert on. */
export const ALERT_STATUSES = ["on_track", "at_risk", "off_track", "no_data", "no_target", "error"] as const;
export const ALERT_CHANNEL_TYPES = ["webhook", "slack", "email"] as const;
/** What a route alerts on when it says nothing (spec 5.2). */
export const DEFAULT_ALERT_ON = ["off_track", "error"] as const;

const url = {
  type: "string",
  minLength: 1,
  description: `Where to deliver. Put secrets in the environment: "${ENV_EXAMPLE}".`,
};

const channel = {
  type: "object",
  description: "Where alerts are delivered: a generic webhook, a Slack incoming webhook or e-mail over SMTP.",
  additionalProperties: false,
  required: ["type", "url"],
  properties: {
    type: {
      enum: [...ALERT_CHANNEL_TYPES],
      description:
        "`webhook` (POST of the JSON body of the spec), `slack` (an incoming webhook, Block Kit) or `email` (SMTP).",
    },
    url: { ...url, description: `${url.description} For email: smtp:// or smtps://user:password@host:port.` },
    from: { type: "string", minLength: 1, description: "email only: the sender address." },
    to: {
      type: "array",
      minItems: 1,
      description: "email only: the recipients.",
      items: { type: "string", minLength: 1, description: "A recipient address." },
    },
  },
  allOf: [
    {
      if: { properties: { type: { const: "email" } } },
      then: { required: ["from", "to"] },
      else: { properties: { from: false, to: false } },
    },
  ],
};

const route = {
  type: "object",
  description: "Which KPIs alert on which statuses, and where to.",
  additionalProperties: false,
  required: ["channels"],
  properties: {
    channels: {
      type: "array",
      minItems: 1,
      description: "Channel ids (from `alerts.channels`).",
      items: idSchema("A channel id."),
    },
    on: {
      type: "array",
      minItems: 1,
      description: "The statuses that alert (default [off_track, error]).",
      items: { enum: [...ALERT_STATUSES], description: "A status." },
    },
    owners: {
      type: "array",
      description: "Only KPIs of these owners (owner ids).",
      items: idSchema("An owner id."),
    },
    core: { type: "boolean", description: "Only core KPIs." },
  },
};

/** The `alerts` section of kpi.yaml (spec 5.2). */
export const alertsSchema = {
  type: "object",
  description: "Alerts sent by `kpi run --notify` when a KPI's status alerts, and when it resolves.",
  additionalProperties: false,
  properties: {
    channels: {
      type: "object",
      description: "Where alerts can go, by id.",
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: channel,
    },
    routes: { type: "array", description: "Which KPIs alert where.", items: route },
    report_url: {
      type: "string",
      minLength: 1,
      description: "The published report (`kpi report`), linked from Slack and e-mail alerts.",
    },
  },
};
