import { asRecord } from "@kpi-as-code/core";
import type { ReportAnalysis, ReportModel } from "@kpi-as-code/report";
import {
  computeFunnels,
  explainChange,
  type FunnelResult,
  type RunOptions,
  readAnalysis,
  type WhyResult,
} from "@kpi-as-code/runner";

/**
 * The analyses `kpi report` shows: the last `kpi analyze` kept in `.kpi/analysis.json` (the report
 * does not rerun it), the funnels of kpi.yaml for the report's period, and `kpi why` for each KPI
 * whose status changed. An analysis that cannot be made is left out; the report still renders (undefined: none at all).
 */
export async function reportAnalysis(
  options: RunOptions,
  model: ReportModel,
): Promise<ReportAnalysis | undefined> {
  const stored = await readAnalysis(options.root).catch(() => undefined);
  const hasFunnels = Object.keys(asRecord(options.workspace?.project?.data.funnels)).length > 0;
  const funnels: FunnelResult[] = hasFunnels ? await computeFunnels(options).catch(() => []) : [];
  const whys: WhyResult[] = [];
  for (const change of model.statusChanges) {
    const why = await explainChange({ ...options, kpi: change.kpi }).catch(() => undefined);
    if (why) whys.push(why);
  }
  if (!stored && funnels.length === 0 && whys.length === 0) return undefined;
  return {
    ...(stored ? { leadLag: { today: stored.today, pairs: stored.pairs } } : {}),
    funnels,
    whys,
  };
}
