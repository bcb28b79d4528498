import type { ChannelMessage } from "../types.js";
import { alertFacts, resolvedFacts, summaryLine } from "./alert-lines.js";

/** Slack's mrkdwn reserves these three; everything else is shown as written. */
const escapeSlack = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

/**
 * A Slack incoming-webhook message: `text` (the notification and the fallback) plus Block Kit `blocks`,
 * one section per alert (status, value against expected, owner, the first action of the plan), the
 * resolved KPIs, and a link to the report when kpi.yaml gives `alerts.report_url`.
 */
export function slackMessage(message: ChannelMessage): { text: string; blocks: unknown[] } {
  const summary = summaryLine(message);
  const blocks: unknown[] = [{ type: "header", text: { type: "plain_text", text: summary.slice(0, 150) } }];
  for (const alert of message.alerts) {
    const facts = alertFacts(message, alert);
    const lines = [
      `*${escapeSlack(facts.title)}* is *${facts.status}*${facts.previous ? ` (was ${facts.previous})` : ""}`,
      `Value ${escapeSlack(facts.value)}${facts.expected ? `, expected ${escapeSlack(facts.expected)}` : ""} · ${escapeSlack(facts.period)}`,
      `Owner: ${escapeSlack(facts.owner)}`,
    ];
    if (facts.firstAction) lines.push(`Next action: ${escapeSlack(facts.firstAction)}`);
    blocks.push(section(lines.join("\n")));
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
