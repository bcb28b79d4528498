import { WorkspaceState } from "@kpi-as-code/language-service";
import type { Position } from "vscode-languageserver-types";

export const TODAY = "2026-11-27";

export const PROJECT = `project: acme
owners:
  growth: { name: Growth team, contact: growth@acme.example }
  support:
    name: Customer support
goals:
  grow_active_customers:
    statement: Grow new sign-ups 20% in Q4 2026
    owner: growth
  keep_customers:
    statement: Keep monthly churn at or below 5%
    owner: support
sources:
  app:
    type: duckdb
    path: data/app.duckdb
policy:
  core_kpis: { min: 1, max: 7 }
`;

export const ACTIVATION = `kpi: first_week_activation
version: 3
name: First-week activation rate
description: Share of new sign-ups active within 7 days.
owner: growth
goal: grow_active_customers
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
    where: activated_at is not null
    time: signed_up_at
target:
  baseline: { value: 0.25, at: 2026-09-30 }
  short_term: { value: 0.3, by: 2026-12-31 }
  mid_term: { value: 0.4, by: 2027-06-30 }
thresholds: { warning: 0.27, critical: 0.22 }
action_plan:
  - hypothesis: Shorter onboarding lifts activation
`;

export const CHURN = `kpi: churn_rate
version: 1
name: Monthly churn
description: Share of customers lost in the month.
owner: support
goal: keep_customers
indicator: lagging
unit: ratio
direction: decrease
cadence: monthly
formula: lost / customers
measures:
  lost: { source: app, from: subscriptions, aggregate: count, time: ended_at }
  customers: { source: app, from: subscriptions, aggregate: count }
target:
  short_term: { value: 0.05, by: 2026-12-31 }
  mid_term: { value: 0.04, by: 2027-06-30 }
`;

export const FILES: Record<string, string> = {
  "kpi.yaml": PROJECT,
  "metrics/first_week_activation.kpi.yaml": ACTIVATION,
  "metrics/churn_rate.kpi.yaml": CHURN,
};

/** `|` marks the cursor; returns the text without it and the cursor's LSP position. */
export function cursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf("|");
  if (at < 0) throw new Error("fixture has no | cursor marker");
  const before = marked.slice(0, at);
  const lines = before.split("\n");
  return {
    text: marked.slice(0, at) + marked.slice(at + 1),
    position: { line: lines.length - 1, character: (lines.at(-1) ?? "").length },
  };
}

/** A state of the fixture workspace with one file replaced by `marked` (cursor removed). */
export function stateWith(
  file: string,
  marked: string,
  files: Record<string, string> = FILES,
): { state: WorkspaceState; position: Position } {
  const { text, position } = cursor(marked);
  const state = new WorkspaceState("/nonexistent/workspace", { today: TODAY });
  for (const [name, content] of Object.entries({ ...files, [file]: text })) state.setFile(name, content);
  return { state, position };
}

export const ACTIVATION_FILE = "metrics/first_week_activation.kpi.yaml";
export const CHURN_FILE = "metrics/churn_rate.kpi.yaml";

/** The fixture text with `|` put before the n-th occurrence (0-based) of `needle`, plus `shift` characters. */
export function markBefore(text: string, needle: string, shift = 0, occurrence = 0): string {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`fixture lacks ${needle}`);
  return `${text.slice(0, at + shift)}|${text.slice(at + shift)}`;
}
