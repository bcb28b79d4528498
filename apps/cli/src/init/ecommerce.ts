import { kpiPlan, projectYaml } from "./kpi-yaml.js";
import { csv, pick, sampleWindow, seededRandom, timestamp } from "./sample-data.js";
import type { InitDates, InitTemplate } from "./template.js";

// `kpi init --template ecommerce` (the default): a small shop, orders only. Unchanged since the
// first `kpi init`, so existing users get the same start.

/** Where the benchmarks of this start come from: a placeholder the team replaces. */
const BENCHMARK = "Industry report (replace with yours)";

function projectFileTemplate(project: string, d: InitDates): string {
  return projectYaml(
    project,
    `owners:
  growth: { name: Growth team, contact: growth@example.com }
  operations: { name: Operations }
goals:
  grow_revenue:
    statement: Grow revenue per order 10% while keeping refunds low
    owner: growth
    period: { start: ${d.periodStart}, end: ${d.periodEnd} }
sources:
  shop:
    type: duckdb            # embedded: reads the CSV below, nothing to install
    tables:
      orders: data/orders.csv
`,
  );
}

const KPI_TEMPLATES: { id: string; body: (d: InitDates) => string }[] = [
  {
    id: "average_order_value",
    body: (d) => `kpi: average_order_value
version: 1
name: Average order value
description: Revenue per order, before refunds.
owner: growth
goal: grow_revenue
category: revenue
indicator: lagging
core: true
unit: currency
currency: EUR
direction: increase
cadence: monthly
formula: revenue / orders
measures:
  revenue: { source: shop, from: orders, aggregate: sum, column: amount, time: ordered_at }
  orders: { source: shop, from: orders, aggregate: count, time: ordered_at }
segments: [channel]
${kpiPlan(d, BENCHMARK, {
  baseline: 60,
  shortTerm: 64,
  midTerm: 66,
  benchmark: 65,
  thresholds: { warning: 58, critical: 52 },
  hypothesis: "Bundles lift the value of an order",
  experiment: "Offer a bundle on the product page to half of the visitors for four weeks",
  review: "month",
})}tags: [revenue]
`,
  },
  {
    id: "repeat_purchase_rate",
    body: (d) => `kpi: repeat_purchase_rate
version: 1
name: Repeat purchase rate
description: Share of orders placed by returning customers; predicts revenue growth.
owner: growth
goal: grow_revenue
category: retention
indicator: leading
core: true
unit: ratio
direction: increase
cadence: monthly
formula: repeat_orders / orders
measures:
  repeat_orders: { source: shop, from: orders, aggregate: count, where: is_repeat, time: ordered_at }
  orders: { source: shop, from: orders, aggregate: count, time: ordered_at }
segments: [channel]
${kpiPlan(d, BENCHMARK, {
  baseline: 0.3,
  shortTerm: 0.33,
  midTerm: 0.36,
  benchmark: 0.35,
  thresholds: { warning: 0.28, critical: 0.24 },
  hypothesis: "A thank-you e-mail with a voucher brings first-time buyers back",
  experiment: "Send it to half of the first-time buyers for a month",
  review: "month",
})}tags: [retention]
`,
  },
  {
    id: "refund_rate",
    body: (d) => `kpi: refund_rate
version: 1
name: Refund rate
description: Share of orders refunded; a rising rate eats revenue and signals quality problems.
owner: operations
goal: grow_revenue
category: quality
indicator: lagging
core: true
unit: ratio
direction: decrease
cadence: monthly
formula: refunded / orders
measures:
  refunded: { source: shop, from: orders, aggregate: count, where: refunded, time: ordered_at }
  orders: { source: shop, from: orders, aggregate: count, time: ordered_at }
${kpiPlan(d, BENCHMARK, {
  baseline: 0.06,
  shortTerm: 0.05,
  midTerm: 0.04,
  benchmark: 0.045,
  thresholds: { warning: 0.06, critical: 0.08 },
  hypothesis: "Better size guides prevent most refunds",
  experiment: "Add a size guide to the ten most refunded products",
  review: "month",
})}tags: [quality]
`,
  },
];

/** A deterministic orders CSV for the six months before `today`, so `kpi run` has data right after `kpi init`. */
function sampleOrdersCsv(today: string): string {
  const random = seededRandom(42);
  const { start, end } = sampleWindow(today);
  const channels = ["web", "app", "marketplace"];
  const rows: (string | number | boolean)[][] = [];
  const customers = new Set<number>();
  for (let id = 1; id <= 1200; id++) {
    const at = start + random() * (end - start);
    const customer = 1 + Math.floor(random() * 700);
    const repeat = customers.has(customer);
    customers.add(customer);
    const amount = (35 + random() * 55 + (repeat ? 8 : 0)).toFixed(2);
    const refunded = random() < 0.055;
    rows.push([id, customer, timestamp(at), amount, repeat, refunded, pick(random, channels)]);
  }
  return csv(["order_id", "customer_id", "ordered_at", "amount", "is_repeat", "refunded", "channel"], rows);
}

export const ECOMMERCE: InitTemplate = {
  description: "an online shop: order value, repeat purchases, refunds (orders.csv)",
  files: (project, dates) => ({
    "kpi.yaml": projectFileTemplate(project, dates),
    ...Object.fromEntries(KPI_TEMPLATES.map((t) => [`kpis/${t.id}.kpi.yaml`, t.body(dates)])),
    "data/orders.csv": sampleOrdersCsv(dates.today),
  }),
};
