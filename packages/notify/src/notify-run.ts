import type { AlertChannelDef, ProjectFile } from "@kpi-as-code/core";
import type { KpiResult, Status } from "@kpi-as-code/runner";
import { emailContent, sendEmail } from "./channels/email.js";
import { slackMessage } from "./channels/slack.js";
import { webhookBody } from "./channels/webhook.js";
import { postJson } from "./deliver/http-post.js";
import { DEFAULT_BACKOFF_MS, withRetries } from "./deliver/retry.js";
import { type ResolvedChannel, resolveChannel } from "./resolve-channel.js";
import { type ChannelSelection, selectNotifications } from "./select-notifications.js";
import { appendDeliveries, type DeliveryRecord, readDeliveryState } from "./state/delivery-log.js";
import { acquireNotifyLock } from "./state/notify-lock.js";
import type { ChannelMessage, KpiFacts } from "./types.js";

export interface NotifyOptions {
  env?: NodeJS.ProcessEnv;
  /** Per attempt (spec 5.2: 10 s). */
  timeoutMs?: number;
  attempts?: number;
  /** Pauses between attempts; tests pass zeros. */
  backoffMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  lockPollMs?: number;
  now?: () => Date;
}

export interface NotifyInput {
  root: string;
  project: ProjectFile;
  results: readonly KpiResult[];
  facts: ReadonlyMap<string, KpiFacts>;
  /** The status of the latest earlier recorded run of a KPI (read before this run was recorded). */
  previousStatus(kpi: string): Status | null;
}

export interface ChannelOutcome {
  channel: string;
  type: string;
  alerts: number;
  resolved: number;
  /** Attempts made (0 when the channel could not even be set up). */
  attempts: number;
  /** Why delivery failed, with the channel's secrets redacted; absent when delivered. */
  error?: string;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `kpi run --notify` after the run was recorded: under the workspace's notify lock, reads what was
 * delivered, selects each channel's new and resolved alerts, sends one message per channel with
 * retries, and records each delivered message. A failed channel is retried at the next run.
 */
export async function notifyRun(input: NotifyInput, options: NotifyOptions = {}): Promise<ChannelOutcome[]> {
  const alerts = input.project.alerts;
  if (!alerts?.channels || !alerts.routes?.length) return [];
  const sleep = options.sleep ?? realSleep;
  const release = await acquireNotifyLock(input.root, { sleep, pollMs: options.lockPollMs ?? 100 });
  try {
    const delivered = await readDeliveryState(input.root);
    const selections = selectNotifications({
      alerts,
      results: input.results,
      facts: input.facts,
      delivered,
      previousStatus: input.previousStatus,
    });
    const outcomes: ChannelOutcome[] = [];
    for (const [id, selection] of selections) {
      const definition = alerts.channels[id];
      if (!definition) continue;
      const message: ChannelMessage = {
        project: input.project.project,
        ...selection,
        facts: input.facts,
        ...(alerts.report_url ? { reportUrl: alerts.report_url } : {}),
      };
      outcomes.push(await deliverToChannel(input.root, id, definition, message, selection, options, sleep));
    }
    return outcomes;
  } finally {
    await release();
  }
}

async function deliverToChannel(
  root: string,
  id: string,
  definition: AlertChannelDef,
  message: ChannelMessage,
  selection: ChannelSelection,
  options: NotifyOptions,
  sleep: (ms: number) => Promise<void>,
): Promise<ChannelOutcome> {
  const outcome = {
    channel: id,
    type: definition.type,
    alerts: selection.alerts.length,
    resolved: selection.resolved.length,
  };
  let channel: ResolvedChannel;
  try {
    channel = resolveChannel(id, definition, options.env ?? process.env);
  } catch (error) {
    return { ...outcome, attempts: 0, error: (error as Error).message };
  }
  let attempts = 0;
  try {
    await withRetries(
      async () => {
        attempts++;
        await send(channel, message, options.timeoutMs ?? 10_000);
      },
      { attempts: options.attempts ?? 3, backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS, sleep },
    );
  } catch (error) {
    return { ...outcome, attempts, error: channel.redact((error as Error).message) };
  }
  const at = (options.now?.() ?? new Date()).toISOString();
  const records: DeliveryRecord[] = [
    ...selection.alerts.map((alert) => ({
      channel: id,
      kind: "alert" as const,
      kpi: alert.kpi,
      status: alert.status,
      period: alert.period,
      at,
    })),
    ...selection.resolved.map((item) => ({
      channel: id,
      kind: "resolved" as const,
      kpi: item.kpi,
      status: item.status,
      period: item.period,
      at,
    })),
  ];
  await appendDeliveries(root, records);
  return { ...outcome, attempts };
}

function send(channel: ResolvedChannel, message: ChannelMessage, timeoutMs: number): Promise<void> {
  const { definition } = channel;
  switch (definition.type) {
    case "webhook":
      return postJson(channel.url, webhookBody(message), timeoutMs);
    case "slack":
      return postJson(channel.url, slackMessage(message), timeoutMs);
    case "email":
      return sendEmail(
        { url: channel.url, from: definition.from ?? "", to: definition.to ?? [] },
        emailContent(message),
        timeoutMs,
      );
  }
}
