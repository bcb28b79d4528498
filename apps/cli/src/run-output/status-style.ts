import type { Status } from "@kpi-as-code/runner";
import type pc from "picocolors";

type Colors = ReturnType<typeof pc.createColors>;

export { STATUS_LABEL, STATUS_SYMBOL, statusText } from "@kpi-as-code/runner";

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
