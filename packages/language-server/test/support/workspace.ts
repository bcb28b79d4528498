export const PROJECT = `project: acme
owners:
  growth: { name: Growth team }
  support: { name: Customer support }
goals:
  grow_active_customers:
    statement: Grow new sign-ups 20% in Q4 2026
    owner: growth
  keep_customers:
    statement: Keep monthly churn at or below 5%
    owner: support
sources:
  app: { type: duckdb, tables: { users: data/users.csv } }
policy:
  core_kpis: { min: 0, max: 7 }
  balance: "off"
`;

export const kpiText = (id: string, goal: string, formula = "a / b") => `kpi: ${id}
version: 1
name: ${id}
description: A test KPI.
owner: growth
goal: ${goal}
indicator: leading
unit: ratio
direction: increase
cadence: monthly
formula: ${formula}
measures:
  a: { source: app, from: users, aggregate: count }
  b: { source: app, from: users, aggregate: count }
target:
  short_term: { value: 0.3, by: 2027-06-30 }
  mid_term: { value: 0.4, by: 2027-12-31 }
`;

export const ACTIVATION_FILE = "metrics/activation.kpi.yaml";
export const CHURN_FILE = "metrics/churn.kpi.yaml";

export const FILES = {
  "kpi.yaml": PROJECT,
  [ACTIVATION_FILE]: kpiText("activation", "grow_active_customers", "a / b + churn * 0"),
  [CHURN_FILE]: kpiText("churn", "keep_customers"),
};
