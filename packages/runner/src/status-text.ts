import type { Status } from "./types.js";

/** Every status, best first. */
export const STATUSES: readonly Status[] = [
  "on_track",
  "at_risk",
  "off_track",
  "no_data",
  "no_target",
  "error",
];

/**
 * Each status has a symbol and a word, so it reads without color (NO_COLOR, logs, print, color
 * blindness): the same pair in `kpi run`, reports and editors.
 */
export const STATUS_SYMBOL: Record<Status, string> = {
  on_track: "✔",
  at_risk: "!",
  off_track: "✖",
  no_data: "○",
  no_target: "·",
  error: "✗",
};

export const STATUS_LABEL: Record<Status, string> = {
  on_track: "on track",
  at_risk: "at risk",
  off_track: "off track",
  no_data: "no data",
  no_target: "no target",
  error: "error",
};

export function statusText(status: Status): string {
  return `${STATUS_SYMBOL[status]} ${STATUS_LABEL[status]}`;
}
