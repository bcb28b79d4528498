import { alertsSection, envReference } from "./alerts-section.js";
import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

const ENV_REFERENCE = /\$\{env:[A-Za-z_][A-Za-z0-9_]*\}/;
/** Query parameters that carry credentials by name. */
const SECRET_PARAMETER = /[?&](token|key|api_key|apikey|secret|sig|signature|password|access_token)=[^&]+/i;
/** A path segment or parameter value long and random enough to be a token (Slack's are 24 characters). */
const TOKEN_LIKE = /[A-Za-z0-9_-]{20,}/;

/** What in a URL looks like a secret: its password, a credential parameter, or a token-like segment. */
export function secretInUrl(url: string): "password" | "parameter" | "token" | undefined {
  if (ENV_REFERENCE.test(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.password) return "password";
  if (SECRET_PARAMETER.test(parsed.search)) return "parameter";
  const pieces = [...parsed.pathname.split("/"), ...[...parsed.searchParams.values()]];
  return pieces.some((piece) => TOKEN_LIKE.test(piece) && /[0-9]/.test(piece) && /[A-Za-z]/.test(piece))
    ? "token"
    : undefined;
}

export const alertsSecretInUrl: Rule = {
  id: "alerts/secret-in-url",
  scope: "file",
  defaultSeverity: "warning",
  summary: `An alert channel's URL holds what looks like a secret (a password or a token) instead of \`${envReference("…")}\`.`,
  why: "kpi.yaml is committed and reviewed: a webhook token or an SMTP password written in it is readable by everyone with the repository, and lets anyone post as the channel.",
  example:
    "alerts:\n  channels:\n    team_chat: { type: slack, url: https://chat.example.com/hooks/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX }\n",
  fix: `Move the URL into the environment (or a CI secret) and write \`url: "${envReference("SLACK_WEBHOOK_URL")}"\`.`,
  check(context) {
    const section = alertsSection(context.workspace);
    if (!section) return;
    for (const [channel, definition] of Object.entries(section.alerts.channels ?? {})) {
      const kind = secretInUrl(definition.url);
      if (!kind) continue;
      context.report(
        section.file,
        { path: ["alerts", "channels", channel, "url"] },
        messages["alerts/secret-in-url"]({ channel, kind }),
      );
    }
  },
};
