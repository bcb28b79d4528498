import { asRecord, formulaIdentifiers, type Workspace } from "@kpi-as-code/core";

/** Measure fields that hold SQL text written by the KPI's author, not names the compiler quotes. */
const SQL_FIELDS = ["sql", "where", "expr"] as const;

/**
 * The KPIs of `head` whose value rests on SQL the head wrote or changed: a measure whose `sql`,
 * `where` or `expr` differs from the same KPI's measure at the base, a measure on a source whose
 * definition changed in kpi.yaml (its views, tables, connection), and any KPI whose formula reads
 * one of those. A number computed by such SQL can carry whatever the SQL read, so `kpi diff --values
 * --untrusted` neither runs nor posts them.
 */
export function kpisOnNewSql(base: Workspace, head: Workspace): Set<string> {
  const changedSources = new Set(
    Object.entries(head.sources)
      .filter(([id, source]) => !sameJson(source, base.sources[id]))
      .map(([id]) => id),
  );
  const tainted = new Set<string>();
  for (const entry of head.kpis) {
    if (entry.id !== undefined && writesNewSql(entry.id, head, base, changedSources)) tainted.add(entry.id);
  }
  // A formula may name another KPI: taint flows to every KPI that reads a tainted one, to a fixpoint.
  let grew = true;
  while (grew) {
    grew = false;
    for (const entry of head.kpis) {
      if (entry.id === undefined || tainted.has(entry.id) || !entry.formula?.ok) continue;
      const measures = asRecord(entry.data.measures);
      const reads = formulaIdentifiers(entry.formula.ast).map((identifier) => identifier.name);
      if (reads.some((name) => !Object.hasOwn(measures, name) && tainted.has(name))) {
        tainted.add(entry.id);
        grew = true;
      }
    }
  }
  return tainted;
}

function writesNewSql(id: string, head: Workspace, base: Workspace, changedSources: Set<string>): boolean {
  const before = asRecord(base.kpi(id)?.data.measures);
  for (const [name, value] of Object.entries(asRecord(head.kpi(id)?.data.measures))) {
    const measure = asRecord(value);
    if (typeof measure.source === "string" && changedSources.has(measure.source)) return true;
    const old = asRecord(before[name]);
    if (SQL_FIELDS.some((field) => measure[field] !== undefined && !sameJson(measure[field], old[field])))
      return true;
  }
  return false;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
