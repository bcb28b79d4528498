import { kpiPlan, projectYaml } from "./kpi-yaml.js";
import { csv, DAY, logNormal, pick, sampleWindow, seededRandom, timestamp } from "./sample-data.js";
import type { InitDates, InitTemplate } from "./template.js";

// `kpi init --template saas`: a subscription product. Activation leads; churn over the customers
// active at the month's start and revenue per account lag.

/** Where the benchmarks of this start come from: a placeholder the team replaces. */
const BENCHMARK = "SaaS benchmark report (replace with yours)";

const projectFile = (project: string, d: InitDates) =>
  projectYaml(
    project,
    `owners:
  product: { name: Product team, contact: product@example.com }
  finance: { name: Finance }
goals:
  grow_recurring_revenue:
    statement: Keep monthly churn under 3% and grow revenue per account 10% within a year
    owner: product
    period: { start: ${d.periodStart}, end: ${d.periodEnd} }
sources:
  app:
    type: duckdb            # embedded: reads the CSV files below, nothing to install
    tables:
      users: data/users.csv
      subscriptions: data/subscriptions.csv
`,
  );

const activationRate = (d: InitDates) => `kpi: activation_rate
version: 1
name: Activation rate
description: Share of the month's sign-ups who reached the first key action; activated users are the ones who pay later.
owner: product
goal: grow_recurring_revenue
category: activation
indicator: leading
core: true
unit: ratio
direction: increase
cadence: monthly
formula: activated / signups
measures:
  activated: { source: app, from: users, aggregate: count, where: activated_at IS NOT NULL, time: signed_up_at }
  signups: { source: app, from: users, aggregate: count, time: signed_up_at }
segments: [channel]
${kpiPlan(d, BENCHMARK, {
  baseline: 0.45,
  shortTerm: 0.48,
  midTerm: 0.52,
  benchmark: 0.4,
  thresholds: { warning: 0.4, critical: 0.33 },
  hypothesis: "A checklist in the empty product gets new users to the first key action",
  experiment: "Show the checklist to half of the sign-ups for four weeks",
  review: "month",
})}tags: [activation]
`;

const churnRate = (d: InitDates) => `kpi: churn_rate
version: 1
name: Monthly churn rate
description: >
  Subscriptions cancelled in the month among those active at its start, over
  the subscriptions active at its start (a state at an instant: active with at: start).
owner: product
goal: grow_recurring_revenue
category: retention
indicator: lagging
core: true
unit: ratio
direction: decrease
cadence: monthly
formula: cancelled / active_at_start
measures:
  cancelled: { source: app, from: subscriptions, aggregate: count, where: "started_at < :start", time: cancelled_at }
  active_at_start:
    source: app
    from: subscriptions
    aggregate: count
    active: { from: started_at, until: cancelled_at, at: start }
segments: [plan]
${kpiPlan(d, BENCHMARK, {
  baseline: 0.03,
  shortTerm: 0.027,
  midTerm: 0.024,
  benchmark: 0.035,
  thresholds: { warning: 0.04, critical: 0.06 },
  hypothesis: "A pause option keeps customers who would cancel for a quiet season",
  experiment: "Offer a one-month pause in the cancellation flow to half of the customers",
  review: "month",
})}tags: [retention]
`;

const revenuePerAccount = (d: InitDates) => `kpi: revenue_per_account
version: 1
name: Monthly recurring revenue per account
description: Recurring revenue of the subscriptions active at the month's end, per active subscription.
owner: finance
goal: grow_recurring_revenue
category: revenue
indicator: lagging
core: true
unit: currency
currency: EUR
direction: increase
cadence: monthly
formula: mrr / accounts
measures:
  mrr: { source: app, from: subscriptions, aggregate: sum, column: mrr, active: { from: started_at, until: cancelled_at } }
  accounts: { source: app, from: subscriptions, aggregate: count, active: { from: started_at, until: cancelled_at } }
segments: [plan]
${kpiPlan(d, BENCHMARK, {
  baseline: 46,
  shortTerm: 48,
  midTerm: 50,
  benchmark: 45,
  thresholds: { warning: 42, critical: 38 },
  hypothesis: "Teams that invite a third member outgrow the starter plan",
  experiment: "Suggest the team plan when a third member joins, for half of the accounts",
  review: "month",
})}tags: [revenue]
`;

const mrrGrowth = (d: InitDates) => `kpi: mrr_growth
version: 1
name: Month-on-month MRR growth (%)
description: Recurring revenue at the month's end over the month before's, minus one, in percent (previous(mrr) is last month's).
owner: finance
goal: grow_recurring_revenue
category: revenue
indicator: lagging
core: false
unit: score
range: [-100, 100]
direction: increase
cadence: monthly
formula: 100 * (mrr / previous(mrr) - 1)
measures:
  mrr: { source: app, from: subscriptions, aggregate: sum, column: mrr, active: { from: started_at, until: cancelled_at } }
segments: [plan]
${kpiPlan(d, BENCHMARK, {
  baseline: 2,
  shortTerm: 3,
  midTerm: 4,
  benchmark: 3,
  thresholds: { warning: 0, critical: -2 },
  hypothesis: "An annual plan paid up front keeps customers through a quiet season",
  experiment: "Offer two months free on an annual plan to half of the customers at renewal",
  review: "month",
})}tags: [revenue, growth]
`;

const PLANS = { starter: 19, team: 49, business: 129 } as const;
const PLAN_MIX = ["starter", "starter", "starter", "team", "team", "business"] as const;
const CHANNELS = ["organic", "paid", "referral"] as const;

/** Sign-ups of the last six months and subscriptions (some from before, so churn has a base). */
function sampleData(today: string): Record<string, string> {
  const random = seededRandom(7);
  const { start, end } = sampleWindow(today);
  const users: (string | number | null)[][] = [];
  const subscriptions: (string | number | null)[][] = [];
  const subscribe = (userId: number | null, startedAt: number) => {
    const plan = pick(random, PLAN_MIX);
    // About 3% of the subscriptions cancel each month.
    const lifetime = (-Math.log(1 - random()) * (30 * DAY)) / 0.03;
    const cancelledAt = startedAt + lifetime < end ? startedAt + lifetime : null;
    subscriptions.push([
      subscriptions.length + 1,
      userId,
      plan,
      PLANS[plan],
      timestamp(startedAt),
      cancelledAt === null ? null : timestamp(cancelledAt),
    ]);
  };
  for (let index = 0; index < 400; index++) subscribe(null, start - random() * 365 * DAY);
  for (let id = 1; id <= 1500; id++) {
    const signedUpAt = start + random() * (end - start);
    const activated = random() < 0.45;
    const activatedAt = activated ? signedUpAt + logNormal(random, 20, 0.8) * 3_600_000 : null;
    users.push([
      id,
      timestamp(signedUpAt),
      pick(random, CHANNELS),
      activatedAt === null || activatedAt >= end ? null : timestamp(activatedAt),
    ]);
    if (activated && random() < 0.25) {
      const startedAt = signedUpAt + (2 + random() * 12) * DAY;
      if (startedAt < end) subscribe(id, startedAt);
    }
  }
  return {
    "data/users.csv": csv(["user_id", "signed_up_at", "channel", "activated_at"], users),
    "data/subscriptions.csv": csv(
      ["subscription_id", "user_id", "plan", "mrr", "started_at", "cancelled_at"],
      subscriptions,
    ),
  };
}

export const SAAS: InitTemplate = {
  description:
    "a subscription product: activation, churn, revenue per account, MRR growth (users.csv, subscriptions.csv)",
  files: (project, dates) => ({
    "kpi.yaml": projectFile(project, dates),
    "kpis/activation_rate.kpi.yaml": activationRate(dates),
    "kpis/churn_rate.kpi.yaml": churnRate(dates),
    "kpis/revenue_per_account.kpi.yaml": revenuePerAccount(dates),
    "kpis/mrr_growth.kpi.yaml": mrrGrowth(dates),
    ...sampleData(dates.today),
  }),
};
