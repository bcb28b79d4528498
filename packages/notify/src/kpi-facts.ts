import type { KpiFile } from "@kpi-as-code/core";
import type { KpiFacts } from "./types.js";

/** What alerts show of each KPI, from its definition. */
export function kpiFacts(kpis: Iterable<KpiFile>): Map<string, KpiFacts> {
  const facts = new Map<string, KpiFacts>();
  for (const kpi of kpis) {
    const first = kpi.action_plan?.[0];
    facts.set(kpi.kpi, {
      name: kpi.name,
      owner: kpi.owner,
      core: kpi.core === true,
      display: { unit: kpi.unit, currency: kpi.currency, range: kpi.range },
      ...(first
        ? { firstAction: first.experiment ? `${first.hypothesis} (${first.experiment})` : first.hypothesis }
        : {}),
    });
  }
  return facts;
}
