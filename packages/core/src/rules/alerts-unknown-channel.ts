import { alertsSection, envReference } from "./alerts-section.js";
import { messages } from "./messages.js";
import { closestMatch, type Rule } from "./rule.js";

export const alertsUnknownChannel: Rule = {
  id: "alerts/unknown-channel",
  scope: "file",
  defaultSeverity: "error",
  summary: "An alert route names a channel that `alerts.channels` does not declare.",
  why: "An alert routed to a channel that does not exist is never delivered: the team learns of the red KPI too late.",
  example: `alerts:\n  channels: { team_chat: { type: slack, url: "${envReference("SLACK_URL")}" } }\n  routes:\n    - channels: [team_caht]\n`,
  fix: "Use the id of a channel declared under `alerts.channels`, or declare the channel there.",
  check(context) {
    const section = alertsSection(context.workspace);
    if (!section) return;
    const channels = Object.keys(section.alerts.channels ?? {});
    (section.alerts.routes ?? []).forEach((route, routeIndex) => {
      route.channels.forEach((channel, index) => {
        if (channels.includes(channel)) return;
        context.report(
          section.file,
          { path: ["alerts", "routes", routeIndex, "channels", index] },
          messages["alerts/unknown-channel"]({ channel, suggestion: closestMatch(channel, channels) }),
        );
      });
    });
  },
};
