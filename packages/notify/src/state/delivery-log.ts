import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { Period, Status } from "@kpi-as-code/runner";
import { appendLine, checkedFolder, openNoFollow, READ_FLAGS } from "@kpi-as-code/runner/history";
import { ALERTS_DIR, DELIVERY_LOG } from "./paths.js";

/** One line of `.kpi/alerts/delivered.jsonl`: an alert or a resolution a channel received. */
export interface DeliveryRecord {
  channel: string;
  kind: "alert" | "resolved";
  kpi: string;
  status: Status;
  period: Period;
  /** When it was delivered, ISO 8601 UTC. */
  at: string;
}

/** What was delivered, as the selection asks it. */
export interface DeliveryState {
  hasAlert(channel: string, kpi: string, period: Period, status: Status): boolean;
  /** The KPI's latest alert on the channel that no resolution followed. */
  openAlert(channel: string, kpi: string): DeliveryRecord | undefined;
}

/**
 * Reads the delivery log. It is append-only: a line is written once its message was delivered, in one
 * write(2) per message (runner's appendLine), so `kill -9` loses at most the line of a message that was
 * sent (which is then sent once more: one doubled retry, never a lost alert). A torn last line is skipped.
 */
export async function readDeliveryState(root: string): Promise<DeliveryState> {
  const records = await readDeliveryRecords(root);
  const alerted = new Set<string>();
  const open = new Map<string, DeliveryRecord>();
  for (const record of records) {
    const slot = `${record.channel}\u0000${record.kpi}`;
    if (record.kind === "alert") {
      alerted.add(alertKey(record.channel, record.kpi, record.period, record.status));
      open.set(slot, record);
    } else open.delete(slot);
  }
  return {
    hasAlert: (channel, kpi, period, status) => alerted.has(alertKey(channel, kpi, period, status)),
    openAlert: (channel, kpi) => open.get(`${channel}\u0000${kpi}`),
  };
}

/** Appends the records of one delivered message in one write. */
export async function appendDeliveries(root: string, records: readonly DeliveryRecord[]): Promise<void> {
  if (records.length === 0) return;
  const folder = await checkedFolder(root, ALERTS_DIR, true);
  await appendLine(
    root,
    join(folder as string, DELIVERY_LOG),
    records.map((record) => JSON.stringify(record)).join("\n"),
  );
}

export async function readDeliveryRecords(root: string): Promise<DeliveryRecord[]> {
  const folder = await checkedFolder(root, ALERTS_DIR, false);
  if (!folder) return [];
  let handle: FileHandle;
  try {
    handle = await openNoFollow(root, join(folder, DELIVERY_LOG), READ_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  try {
    const text = await handle.readFile("utf8");
    return text.split("\n").flatMap((line) => {
      const record = parseRecord(line);
      return record ? [record] : [];
    });
  } finally {
    await handle.close();
  }
}

function parseRecord(line: string): DeliveryRecord | undefined {
  if (line.trim() === "") return undefined;
  try {
    const value = JSON.parse(line) as Partial<DeliveryRecord>;
    const valid =
      typeof value.channel === "string" &&
      (value.kind === "alert" || value.kind === "resolved") &&
      typeof value.kpi === "string" &&
      typeof value.status === "string" &&
      typeof value.period?.start === "string" &&
      typeof value.period?.end === "string";
    return valid ? (value as DeliveryRecord) : undefined;
  } catch {
    return undefined; // a torn last line after a crash
  }
}

function alertKey(channel: string, kpi: string, period: Period, status: string): string {
  return [channel, kpi, period.start, period.end, status].join("\u0000");
}
