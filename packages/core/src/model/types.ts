/**
 * The shapes of the two file kinds once parsed and schema-checked.
 * They mirror the JSON Schema in ../schema; the schema is the source of truth
 * for what is accepted, these types are what code may rely on afterwards.
 */

export type Severity = "error" | "warning" | "info";
export type SeveritySetting = Severity | "off";

export interface OwnerDef {
  name?: string;
  contact?: string;
}

export interface GoalDef {
  statement: string;
  owner?: string;
  period?: { start: string; end: string };
}

import type { Aggregate } from "../registry/aggregates.js";
import type { SourceType } from "../registry/source-types.js";

export type { Aggregate, SourceType };

export interface SourceDef {
  type: SourceType;
  path?: string;
  url?: string;
  tables?: Record<string, string>;
  /** Named queries, name -> one SELECT in the source's dialect over its tables and other views. */
  views?: Record<string, string>;
  /** Seconds a query may run (default 60). */
  timeout?: number;
  [option: string]: unknown;
}

export interface PolicyDef {
  core_kpis?: { min?: number; max?: number };
  balance?: "per_goal" | "workspace" | "off";
  rules?: Record<string, SeveritySetting>;
}

export interface ProjectFile {
  project: string;
  owners?: Record<string, OwnerDef>;
  goals?: Record<string, GoalDef>;
  sources?: Record<string, SourceDef>;
  policy?: PolicyDef;
  alerts?: AlertsDef;
  funnels?: Record<string, FunnelDef>;
}

/** A funnel (spec 5.5): KPI ids in step order, each a count of what reached the step. */
export interface FunnelDef {
  goal?: string;
  steps: string[];
}

export interface AlertChannelDef {
  type: "webhook" | "slack" | "email";
  url: string;
  from?: string;
  to?: string[];
}

export interface AlertRouteDef {
  channels: string[];
  /** Statuses that alert; default [off_track, error]. */
  on?: string[];
  owners?: string[];
  core?: boolean;
}

export interface AlertsDef {
  channels?: Record<string, AlertChannelDef>;
  routes?: AlertRouteDef[];
  report_url?: string;
}

export interface StructuredMeasure {
  source: string;
  from: string;
  aggregate: Aggregate;
  /** Only with `aggregate: percentile`: 0 < P < 1. */
  percentile?: number;
  /** At most one of `column`, `expr`, `duration`. */
  column?: string;
  expr?: string;
  duration?: { from: string; to: string };
  where?: string;
  time?: string;
  /** `<N>d` or `all`; only with `time`. */
  window?: string;
  /** State at an instant; excludes `time`. */
  active?: { from: string; until: string; at?: "end" | "start" };
}

export interface SqlMeasure {
  source: string;
  sql: string;
}

export type MeasureDef = StructuredMeasure | SqlMeasure;

export function isSqlMeasure(measure: MeasureDef): measure is SqlMeasure {
  return typeof (measure as SqlMeasure).sql === "string";
}

export type Unit = "ratio" | "percent" | "count" | "currency" | "duration" | "score";
export type Direction = "increase" | "decrease";
export type Cadence = "daily" | "weekly" | "monthly" | "quarterly" | "yearly";
export type Indicator = "leading" | "lagging";

export interface TargetPoint {
  value: number;
  by: string;
}

export interface TargetDef {
  baseline?: { value: number; at: string };
  short_term?: TargetPoint;
  mid_term?: TargetPoint;
}

export interface KpiFile {
  kpi: string;
  version: number;
  name: string;
  description: string;
  owner: string;
  goal: string;
  category?: string;
  indicator: Indicator;
  core?: boolean;
  unit?: Unit;
  currency?: string;
  range?: [number, number];
  direction: Direction;
  cadence: Cadence;
  formula: string;
  measures?: Record<string, MeasureDef>;
  segments?: string[];
  target?: TargetDef;
  benchmark?: { value: number; source?: string };
  thresholds?: { warning?: number; critical?: number };
  action_plan?: { hypothesis: string; experiment?: string; owner?: string; due?: string; started?: string }[];
  review?: { every: "week" | "month" | "quarter"; next?: string };
  tags?: string[];
}
