import { type Diagnostic, type SourceFile, validateFiles } from "@kpi-as-code/core";

/** A fixed "today" so the date rules do not depend on when the tests run. */
export const TODAY = "2026-11-15";

/** A project file that validates cleanly together with ACTIVATION_KPI and CHURN_KPI. */
export const VALID_PROJECT = `project: acme-saas
owners:
  growth: { name: Growth team, contact: growth@acme.example }
  support: { name: Customer support }
goals:
  grow_active_customers:
    statement: Grow new sign-ups 20% and keep monthly churn at or below 5% in Q4 2026
    owner: growth
    period: { start: 2026-10-01, end: 2026-12-31 }
sources:
  app:
    type: duckdb
    tables:
      users: data/users.csv
  crm: { type: sqlite, path: data/crm.sqlite }
policy:
  core_kpis: { min: 0, max: 7 }
  balance: per_goal
`;

export const ACTIVATION_KPI = `kpi: first_week_activation
version: 3
name: First-week activation rate
description: >
  Share of new sign-ups who complete a core action within 7 days of signing up.
owner: growth
goal: grow_active_customers
category: activation
indicator: leading
core: true
unit: ratio
direction: increase
cadence: weekly
formula: activated / signups
measures:
  signups:
    source: app
    from: users
    aggregate: count
    time: signed_up_at
  activated:
    source: app
    from: users
    aggregate: count
    where: activated_at <= signed_up_at + INTERVAL 7 DAY
    time: signed_up_at
segments: [channel, plan]
target:
  baseline: { value: 0.25, at: 2026-09-30 }
  short_term: { value: 0.30, by: 2026-12-31 }
  mid_term: { value: 0.40, by: 2027-06-30 }
benchmark: { value: 0.33, source: SaaS onboarding benchmark 2025 }
thresholds: { warning: 0.27, critical: 0.22 }
action_plan:
  - hypothesis: A shorter onboarding e-mail sequence lifts activation
    experiment: A/B test a 3-mail against a 5-mail sequence
    owner: growth
    due: 2026-12-01
review: { every: month, next: 2026-12-15 }
tags: [onboarding]
`;

export const CHURN_KPI = `kpi: monthly_churn
version: 1
name: Monthly churn
description: Share of paying customers at the start of the month who cancel during it.
owner: support
goal: grow_active_customers
indicator: lagging
unit: percent
direction: decrease
cadence: monthly
formula: "100 * cancelled / max(customers, 1)"
measures:
  cancelled: { source: crm, sql: "select count(*) from cancellations where at >= :start and at < :end" }
  customers: { source: crm, from: customers, aggregate: count_distinct, column: customer_id }
target:
  short_term: { value: 5, by: 2026-12-31 }
  mid_term: { value: 4, by: 2027-06-30 }
`;

export const ACTIVATION_FILE = "kpis/first_week_activation.kpi.yaml";
export const CHURN_FILE = "kpis/monthly_churn.kpi.yaml";

/** The clean workspace: kpi.yaml plus the two KPIs. */
export function validWorkspace(): SourceFile[] {
  return [
    { file: "kpi.yaml", text: VALID_PROJECT },
    { file: ACTIVATION_FILE, text: ACTIVATION_KPI },
    { file: CHURN_FILE, text: CHURN_KPI },
  ];
}

/** The clean workspace with one file's text replaced (or added). */
export function workspaceWith(file: string, text: string): SourceFile[] {
  return [...validWorkspace().filter((source) => source.file !== file), { file, text }];
}

export function validate(files: readonly SourceFile[]): Diagnostic[] {
  return validateFiles(files, { today: TODAY }).diagnostics;
}

/** The diagnostics of one file. */
export function diagnosticsOf(files: readonly SourceFile[], file: string): Diagnostic[] {
  return validate(files).filter((diagnostic) => diagnostic.file === file);
}

/** The offset of the `occurrence`-th appearance of `needle` in `text`, failing loudly when absent. */
export function offsetOf(text: string, needle: string, occurrence = 1): number {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`fixture does not contain ${JSON.stringify(needle)}`);
  }
  return offset;
}
