import {
  asRecord,
  isSqlMeasure,
  type KpiFile,
  type StructuredMeasure,
  validKpis,
  type Workspace,
} from "@kpi-as-code/core";
import type { MeasureToCheck, SourceToCheck } from "./types.js";

/**
 * What each declared source must answer for, read from the parsed files: its views and the valid
 * KPIs' measures on it. Files that fail the schema are left to `kpi validate`'s own diagnostics.
 */
export function collectTargets(workspace: Workspace): SourceToCheck[] {
  const targets = new Map<string, SourceToCheck>();
  for (const [source, definition] of Object.entries(workspace.sources)) {
    const views = Object.fromEntries(
      Object.entries(asRecord(asRecord(definition).views)).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    );
    targets.set(source, { source, views, measures: [], sqlMeasures: [], kpis: [] });
  }
  for (const entry of validKpis(workspace)) {
    for (const [measure, definition] of Object.entries(entry.data.measures ?? {})) {
      const target = targets.get(definition.source);
      if (!target) continue; // measurability/unknown-source says so
      if (!target.kpis.includes(entry.id)) target.kpis.push(entry.id);
      if (isSqlMeasure(definition)) {
        target.sqlMeasures.push({ kpi: entry.id, file: entry.file, measure, sql: definition.sql });
      } else {
        target.measures.push(measureToCheck(entry.id, entry.file, measure, definition, entry.data));
      }
    }
  }
  for (const target of targets.values()) target.kpis.sort();
  return [...targets.values()];
}

function measureToCheck(
  kpi: string,
  file: string,
  measure: string,
  definition: StructuredMeasure,
  data: KpiFile,
): MeasureToCheck {
  const at = (...path: string[]) => ["measures", measure, ...path];
  const columns: MeasureToCheck["columns"] = [];
  const add = (name: string | undefined, path: (string | number)[]) => {
    if (typeof name === "string") columns.push({ name, path });
  };
  add(definition.column, at("column"));
  add(definition.time, at("time"));
  add(definition.active?.from, at("active", "from"));
  add(definition.active?.until, at("active", "until"));
  add(definition.duration?.from, at("duration", "from"));
  add(definition.duration?.to, at("duration", "to"));
  for (const [index, segment] of (data.segments ?? []).entries()) add(segment, ["segments", index]);
  return {
    kpi,
    file,
    measure,
    from: definition.from,
    columns,
    ...(definition.where !== undefined ? { where: definition.where } : {}),
    ...(definition.expr !== undefined ? { expr: definition.expr } : {}),
  };
}
