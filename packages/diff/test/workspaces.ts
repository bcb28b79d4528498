import type { SourceFile } from "@kpi-as-code/core";

export const PROJECT = `project: test
owners:
  growth: { name: Growth team, contact: growth@example.com }
  support: { name: Support }
goals:
  grow:
    statement: Grow activation
    owner: growth
sources:
  app: { type: duckdb, tables: { users: data/users.csv } }
policy: { core_kpis: { min: 0, max: 7 } }
`;

export interface KpiOptions {
  id?: string;
  version?: number;
  formula?: string;
  shortTerm?: number;
  warning?: number;
  direction?: "increase" | "decrease";
  indicator?: "leading" | "lagging";
  core?: boolean;
  unit?: string;
  extra?: string;
}

/** A valid KPI file; each option changes one field. */
export function kpiText(options: KpiOptions = {}): string {
  const {
    id = "activation",
    version = 3,
    formula = "activated / signups",
    shortTerm = 0.3,
    warning = 0.27,
    direction = "increase",
    indicator = "leading",
    core = false,
    unit = "ratio",
    extra = "",
  } = options;
  return `kpi: ${id}
version: ${version}
name: Activation ${id}
description: Share of sign-ups who activate.
owner: growth
goal: grow
indicator: ${indicator}
core: ${core}
unit: ${unit}
direction: ${direction}
cadence: weekly
formula: ${formula}
measures:
  signups: { source: app, from: users, aggregate: count, time: signed_up_at }
  activated: { source: app, from: users, aggregate: count, where: activated, time: signed_up_at }
  visits: { source: app, from: users, aggregate: count_distinct, column: session, time: signed_up_at }
target:
  short_term: { value: ${shortTerm}, by: 2026-12-31 }
  mid_term: { value: 0.5, by: 2027-06-30 }
thresholds: { warning: ${warning}, critical: 0.2 }
${extra}`;
}

export function files(map: Record<string, string>): SourceFile[] {
  return Object.entries(map).map(([file, text]) => ({ file, text }));
}

export const LABELS = { base: "main", head: "feature" };
