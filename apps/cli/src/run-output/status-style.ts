import type { Status } from "@kpi-as-code/runner";
import type pc from "picocolors";

type Colors = ReturnType<typeof pc.createColors>;

/**
 * Each status has a symbol and a word, so it reads without color (NO_COLOR, logs, color blindness).
 * Arrows are left to the change column.
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

export function statusColor(status: Status, colors: Colors): (text: string) => string {
  switch (status) {
    case "on_track":
      return colors.green;
    case "at_risk":
      return colors.yellow;
    case "off_track":
    case "error":
      return colors.red;
    default:
      return colors.dim;
  }
}
