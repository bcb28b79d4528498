import { escapeControl, formatValue } from "@kpi-as-code/core";
import { STATUS_LABEL } from "@kpi-as-code/runner/pace";
import type { AlertItem, ChannelMessage, ResolvedItem } from "../types.js";

/** Words for statuses, shared by the Slack and e-mail messages: the runner's own labels. */
export const STATUS_WORDS: Record<string, string> = STATUS_LABEL;

const periodText = (period: { start: string; end: string }) => `${period.start} to ${period.end} (exclusive)`;

/** The plain facts of one alert, in the order the messages show them. */
export function alertFacts(message: ChannelMessage, alert: AlertItem) {
  const facts = message.facts.get(alert.kpi);
  const display = facts?.display ?? {};
  return {
    // Names come from KPI files: control characters are shown escaped, never sent raw to a chat or mail.
    title: escapeControl(`${alert.name} (${alert.kpi})`),
    status: STATUS_WORDS[alert.status] ?? alert.status,
    previous: alert.previous_status
      ? (STATUS_WORDS[alert.previous_status] ?? alert.previous_status)
      : undefined,
    value: formatValue(alert.value, display, { compact: true }),
    expected: alert.expected === null ? undefined : formatValue(alert.expected, display, { compact: true }),
    owner: escapeControl(alert.owner),
    period: periodText(alert.period),
    firstAction: facts?.firstAction === undefined ? undefined : escapeControl(facts.firstAction),
  };
}

export function resolvedFacts(message: ChannelMessage, item: ResolvedItem) {
  const name = message.facts.get(item.kpi)?.name ?? item.kpi;
  return {
    title: escapeControl(`${name} (${item.kpi})`),
    status: STATUS_WORDS[item.status] ?? item.status,
    period: periodText(item.period),
  };
}

/** "acme-saas: 2 KPI alerts, 1 resolved": names the project and the counts (e-mail subject, Slack text). */
export function summaryLine(message: ChannelMessage): string {
  const parts: string[] = [];
  if (message.alerts.length > 0)
    parts.push(`${message.alerts.length} KPI alert${message.alerts.length === 1 ? "" : "s"}`);
  if (message.resolved.length > 0) parts.push(`${message.resolved.length} resolved`);
  return `${message.project}: ${parts.join(", ")}`;
}
