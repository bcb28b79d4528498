import type { ChannelMessage } from "../types.js";

/** The generic webhook's JSON body, exactly as spec 5.2 gives it. */
export function webhookBody(message: ChannelMessage): unknown {
  return {
    project: message.project,
    alerts: message.alerts.map((alert) => ({
      kpi: alert.kpi,
      name: alert.name,
      owner: alert.owner,
      status: alert.status,
      previous_status: alert.previous_status,
      value: alert.value,
      expected: alert.expected,
      period: { start: alert.period.start, end: alert.period.end },
    })),
    resolved: message.resolved.map((item) => ({
      kpi: item.kpi,
      status: item.status,
      period: { start: item.period.start, end: item.period.end },
    })),
  };
}
