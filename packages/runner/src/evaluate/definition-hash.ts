import { createHash } from "node:crypto";
import { type KpiFile, MEANING_FIELDS } from "@kpi-as-code/core";

/** sha256 of the canonical JSON (sorted keys) of the fields that carry the KPI's meaning. */
export function definitionHash(kpi: Partial<KpiFile>): string {
  const meaning: Record<string, unknown> = {};
  for (const field of MEANING_FIELDS) {
    if (kpi[field] !== undefined) meaning[field] = kpi[field];
  }
  return createHash("sha256").update(canonicalJson(meaning)).digest("hex");
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
