export { emailContent, sendEmail } from "./channels/email.js";
export { slackMessage } from "./channels/slack.js";
export { webhookBody } from "./channels/webhook.js";
export { postJson } from "./deliver/http-post.js";
export { DeliveryError, withRetries } from "./deliver/retry.js";
export { kpiFacts } from "./kpi-facts.js";
export { type ChannelOutcome, type NotifyInput, type NotifyOptions, notifyRun } from "./notify-run.js";
export { DEFAULT_ON, selectNotifications } from "./select-notifications.js";
export {
  type DeliveryRecord,
  type DeliveryState,
  readDeliveryRecords,
  readDeliveryState,
} from "./state/delivery-log.js";
export { acquireNotifyLock, NotifyLockBusyError } from "./state/notify-lock.js";
export { ALERTS_DIR, DELIVERY_LOG, LOCK_FILE } from "./state/paths.js";
export type { AlertItem, ChannelMessage, KpiFacts, ResolvedItem } from "./types.js";
