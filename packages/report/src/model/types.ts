import type { Cadence, Direction, Indicator, TargetDef, Unit } from "@kpi-as-code/core";
import type { Grain, Period, Status } from "@kpi-as-code/runner";
import type { ReportAnalysis } from "./analysis-types.js";

/**
 * Everything the dashboard shows, as plain JSON: the page's HTML is rendered from it and its
 * charts are drawn from it in the browser, so it is embedded in the page as it is.
 */
export interface ReportModel {
  project: string;
  /** The date the report was made for (`--today` or the system date). */
  today: string;
  /** The period of the current values (earliest start, latest end over the KPIs). */
  period: Period;
  health: HealthSummary;
  statusChanges: StatusChange[];
  goals: GoalView[];
  /** KPIs whose goal is not declared in kpi.yaml: shown, not dropped. */
  unaligned: KpiView[];
  tree: TreeNode[];
  /** Lead-lag verdicts, funnels and what moved changed KPIs (`kpi report` adds them). */
  analysis?: ReportAnalysis;
}

export interface OwnerRef {
  id: string;
  name: string;
}

export interface GoalView {
  id: string;
  statement: string;
  owner: OwnerRef | null;
  period: Period | null;
  leading: KpiView[];
  lagging: KpiView[];
}

export interface TrendPoint extends Period {
  value: number | null;
}

/** Where a trend's points come from: the recorded history, or computed for the report by the runner. */
export type TrendSource = "history" | "computed";

export interface TargetPathPoint {
  date: string;
  value: number;
  label: "baseline" | "short term" | "mid term";
}

/** A horizontal band of values with the status a value inside it gets; null = open towards the axis end. */
export interface ThresholdBand {
  status: "on_track" | "at_risk" | "off_track";
  from: number | null;
  to: number | null;
}

export interface BreakdownView {
  segment: string;
  rows: { key: string; value: number | null; valueText: string }[];
}

export interface KpiView {
  id: string;
  name: string;
  description: string;
  owner: OwnerRef | null;
  goal: string | null;
  indicator: Indicator | null;
  core: boolean;
  unit: Unit | null;
  currency: string | null;
  /** A score's scale, `[low, high]`: shown beside the value in the report, not in every cell. */
  range: [number, number] | null;
  direction: Direction | null;
  cadence: Cadence | null;
  formula: string;
  value: number | null;
  valueText: string;
  status: Status;
  period: Period | null;
  error: string | null;
  target: TargetDef | null;
  benchmark: { value: number; source?: string } | null;
  trend: {
    source: TrendSource;
    /** The grain a computed trend was asked for (`kpi report --grain`); absent for the fallback. */
    grain?: Grain;
    points: (TrendPoint & { valueText: string })[];
  };
  targetPath: TargetPathPoint[];
  /** The target path's value on the last day of the value's period (spec 5.1); null without a target. */
  expected: number | null;
  /** `expected 32.0% now, 35% by 2027-03-31`; empty without a target or a period. */
  expectedText: string;
  /** `on this trend: 33.1% by 2027-03-31 (target 35%)` or why there is none; null without a target. */
  forecastText: string | null;
  bands: ThresholdBand[];
  breakdowns: BreakdownView[];
}

export interface HealthSummary {
  total: number;
  onTrack: number;
  atRisk: number;
  offTrack: number;
  /** `no_data` and `error`: nothing to judge. */
  withoutData: number;
  noTarget: number;
}

export interface StatusChange {
  kpi: string;
  name: string;
  from: Status;
  to: Status;
  /** The period of the recorded value compared with. */
  since: Period;
}

/** goal -> KPIs aligned to it -> KPIs their formulas reference (recursively). */
export interface TreeNode {
  kind: "goal" | "kpi";
  id: string;
  label: string;
  status: Status | null;
  /** A KPI already shown higher up this branch (a reference cycle): not expanded again. */
  repeated?: boolean;
  children: TreeNode[];
}
