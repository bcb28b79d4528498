import type { AlertsDef } from "@kpi-as-code/core";
import type { KpiResult, Status } from "@kpi-as-code/runner";
import type { DeliveryState } from "./state/delivery-log.js";
import type { AlertItem, KpiFacts, ResolvedItem } from "./types.js";

/** What a route alerts on when it says nothing (spec 5.2). */
export const DEFAULT_ON: readonly Status[] = ["off_track", "error"];

export interface SelectInput {
  alerts: AlertsDef;
  results: readonly KpiResult[];
  facts: ReadonlyMap<string, KpiFacts>;
  delivered: DeliveryState;
  /** The status of the latest earlier recorded run of a KPI, or null. */
  previousStatus(kpi: string): Status | null;
}

export interface ChannelSelection {
  alerts: AlertItem[];
  resolved: ResolvedItem[];
}

/**
 * For each channel, the new alerts and the resolved ones of this run. A channel in several routes
 * gets one message: a KPI alerts on it when any of those routes matches the KPI and its status.
 * Each channel keeps its own delivery record, so a channel that failed retries without the others
 * sending again.
 */
export function selectNotifications(input: SelectInput): Map<string, ChannelSelection> {
  const selections = new Map<string, ChannelSelection>();
  for (const channel of Object.keys(input.alerts.channels ?? {})) {
    const selection: ChannelSelection = { alerts: [], resolved: [] };
    for (const result of input.results) {
      const facts = input.facts.get(result.kpi);
      if (!facts) continue;
      const on = statusesOn(input.alerts, channel, facts);
      if (on.size === 0) continue;
      if (on.has(result.status)) {
        if (input.delivered.hasAlert(channel, result.kpi, result.period, result.status)) continue;
        selection.alerts.push(alertItem(result, facts, input.previousStatus(result.kpi)));
        continue;
      }
      const open = input.delivered.openAlert(channel, result.kpi);
      if (open && open.period.start <= result.period.start) {
        selection.resolved.push({ kpi: result.kpi, status: result.status, period: result.period });
      }
    }
    if (selection.alerts.length > 0 || selection.resolved.length > 0) selections.set(channel, selection);
  }
  return selections;
}

/** The statuses that alert a KPI on a channel: the union over the routes to it that match the KPI. */
function statusesOn(alerts: AlertsDef, channel: string, facts: KpiFacts): Set<Status> {
  const on = new Set<Status>();
  for (const route of alerts.routes ?? []) {
    if (!route.channels.includes(channel)) continue;
    if (route.owners && !route.owners.includes(facts.owner)) continue;
    if (route.core === true && !facts.core) continue;
    for (const status of (route.on ?? DEFAULT_ON) as Status[]) on.add(status);
  }
  return on;
}

function alertItem(result: KpiResult, facts: KpiFacts, previous: Status | null): AlertItem {
  return {
    kpi: result.kpi,
    name: facts.name,
    owner: facts.owner,
    status: result.status,
    previous_status: previous,
    value: result.value,
    expected: result.expected ?? null,
    period: result.period,
  };
}
