import type { ChannelMessage } from "../types.js";
import { alertFacts, resolvedFacts, summaryLine } from "./alert-lines.js";

/** Slack's mrkdwn reserves these three; everything else is shown as written. */
const escapeSlack = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** Slack refuses a message with more than 50 blocks or a section text over 3,000 characters. */
const MAX_ALERT_SECTIONS = 40;
const MAX_SECTION_TEXT = 3000;

const section = (text: string) => ({
  type: "section",
  text: {
    type: "mrkdwn",
    text: text.length > MAX_SECTION_TEXT ? `${text.slice(0, MAX_SECTION_TEXT - 1)}…` : text,
  },
});

/**
 * A Slack incoming-webhook message: `text` (the notification and the fallback) plus Block Kit `blocks`,
 * one section per alert (status, value against expected, owner, the first action of the plan), the
 * resolved KPIs, and a link to the report when kpi.yaml gives `alerts.report_url`. Past 40 alerts the
 * rest are one line each in one section, within Slack's limits on blocks and text.
 */
export function slackMessage(message: ChannelMessage): { text: string; blocks: unknown[] } {
  const summary = summaryLine(message);
  const blocks: unknown[] = [{ type: "header", text: { type: "plain_text", text: summary.slice(0, 150) } }];
  for (const alert of message.alerts.slice(0, MAX_ALERT_SECTIONS)) {
    const facts = alertFacts(message, alert);
    const lines = [
      `*${escapeSlack(facts.title)}* is *${facts.status}*${facts.previous ? ` (was ${facts.previous})` : ""}`,
      `Value ${escapeSlack(facts.value)}${facts.expected ? `, expected ${escapeSlack(facts.expected)}` : ""} · ${escapeSlack(facts.period)}`,
      `Owner: ${escapeSlack(facts.owner)}`,
    ];
    if (facts.firstAction) lines.push(`Next action: ${escapeSlack(facts.firstAction)}`);
    blocks.push(section(lines.join("\n")));
  }
  const more = message.alerts.slice(MAX_ALERT_SECTIONS);
  if (more.length > 0) {
    const lines = more.map((alert) => {
      const facts = alertFacts(message, alert);
      return `• ${escapeSlack(facts.title)}: ${facts.status}, ${escapeSlack(facts.value)}`;
    });
    blocks.push(section(`*${more.length} more*\n${lines.join("\n")}`));
  }
  if (message.resolved.length > 0) {
    const lines = message.resolved.map((item) => {
      const facts = resolvedFacts(message, item);
      return `• ${escapeSlack(facts.title)}: now ${facts.status} · ${escapeSlack(facts.period)}`;
    });
    blocks.push(section(`*Resolved*\n${lines.join("\n")}`));
  }
  if (message.reportUrl) {
    blocks.push({
      type: "actions",
      elements: [
        { type: "button", text: { type: "plain_text", text: "Open the report" }, url: message.reportUrl },
      ],
    });
  }
  return { text: escapeSlack(summary), blocks };
}
