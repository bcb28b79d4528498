import type { FunnelResult, StoredLeadLagPair, WhyResult } from "@kpi-as-code/runner";

/** What `kpi report` shows of the analyses (spec 5.4, 5.5 and `kpi why`); every part optional. */
export interface ReportAnalysis {
  /** The last `kpi analyze` (`.kpi/analysis.json`), when one was kept. */
  leadLag?: { today: string; pairs: StoredLeadLagPair[] };
  funnels: FunnelResult[];
  /** `kpi why` of the KPIs whose status changed since their previous recorded period. */
  whys: WhyResult[];
}
