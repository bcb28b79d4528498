import type { ValueDisplay } from "@kpi-as-code/core";
import type { Period, Status } from "@kpi-as-code/runner";

/** One new alert, as the webhook body of spec 5.2 lists it. */
export interface AlertItem {
  kpi: string;
  name: string;
  owner: string;
  status: Status;
  /** The status of the latest earlier recorded run of the KPI, or null. */
  previous_status: Status | null;
  value: number | null;
  expected: number | null;
  period: Period;
}

/** A KPI alerted earlier whose status for the same or a later period has left the route's statuses. */
export interface ResolvedItem {
  kpi: string;
  status: Status;
  period: Period;
}

/** What the messages show of a KPI beyond the webhook body: how to format its values, what to try. */
export interface KpiFacts {
  name: string;
  owner: string;
  core: boolean;
  display: ValueDisplay;
  /** The first action of the action plan, when there is one. */
  firstAction?: string;
}

/** What one channel is sent in one run. */
export interface ChannelMessage {
  project: string;
  alerts: AlertItem[];
  resolved: ResolvedItem[];
  facts: ReadonlyMap<string, KpiFacts>;
  /** kpi.yaml's `alerts.report_url`, linked from Slack and e-mail. */
  reportUrl?: string;
}
