import { join } from "node:path";

/** Where `kpi run --notify` keeps what it delivered, relative to the folder holding kpi.yaml. */
export const ALERTS_DIR = join(".kpi", "alerts");
export const DELIVERY_LOG = "delivered.jsonl";
export const LOCK_FILE = "notify.lock";
