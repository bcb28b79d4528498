import type { KpiEntry, KpiFile, Workspace } from "@kpi-as-code/core";
import { kpiFieldChanges } from "./describe-kpi.js";
import { changedKpiRisks, removedKpiRisks } from "./kpi-risks.js";
import { redactFieldChange } from "./redact.js";
import type { KpiDiff } from "./types.js";

/**
 * Added, removed, changed and moved KPIs. KPIs are matched by id, so a renamed or moved file is
 * one KPI; a file without a usable id (broken YAML) is matched by its path instead.
 */
export function diffKpis(base: Workspace, head: Workspace): KpiDiff[] {
  const baseEntries = keyed(base);
  const headEntries = keyed(head);
  const diffs: KpiDiff[] = [];
  for (const [key, after] of headEntries) {
    const before = baseEntries.get(key);
    const diff = before ? compareKpi(key, before, after) : addedKpi(key, after);
    if (diff) diffs.push(diff);
  }
  for (const [key, before] of baseEntries) {
    if (!headEntries.has(key)) diffs.push(removedKpi(key, before));
  }
  return diffs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Entries by KPI id, or by file for those without one; the first of duplicated ids wins. */
function keyed(workspace: Workspace): Map<string, KpiEntry> {
  const entries = new Map<string, KpiEntry>();
  for (const entry of workspace.kpis) {
    const key = entry.id ?? entry.file;
    if (!entries.has(key)) entries.set(key, entry);
  }
  return entries;
}

function compareKpi(id: string, before: KpiEntry, after: KpiEntry): KpiDiff | undefined {
  const fields = kpiFieldChanges(before.data, after.data);
  const moved = before.file !== after.file;
  if (fields.length === 0 && !moved) return undefined;
  const valid = before.valid && after.valid;
  return {
    id,
    change: fields.length === 0 ? "moved" : "changed",
    file: after.file,
    ...(moved ? { previousFile: before.file } : {}),
    ...nameOf(after.data),
    fields: fields.map(redactFieldChange),
    risks: changedKpiRisks(before.data, after.data, fields, valid),
  };
}

function addedKpi(id: string, after: KpiEntry): KpiDiff {
  return { id, change: "added", file: after.file, ...nameOf(after.data), fields: [], risks: [] };
}

function removedKpi(id: string, before: KpiEntry): KpiDiff {
  return {
    id,
    change: "removed",
    file: before.file,
    ...nameOf(before.data),
    fields: [],
    risks: removedKpiRisks(before.data),
  };
}

function nameOf(data: Partial<KpiFile>): { name?: string } {
  return typeof data.name === "string" ? { name: data.name } : {};
}
