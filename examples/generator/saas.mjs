// Flowdesk, a B2B SaaS. Story: a paid-social push that started on 2026-09-21
// buys many low-intent sign-ups. Sign-up conversion holds (on track), but
// first-week activation sags (at risk) and CAC explodes (off track); churn
// and LTV are still healthy because the new customers have not churned yet.
import { addMonths, atHour, DATA_END, DATA_START, DAY, days, HOUR, officeHour, utc } from "./calendar.mjs";

const PAID_SOCIAL_PUSH = utc("2026-09-21");

const CHANNELS = {
  organic: { sessions: 400, conversion: 0.04, activation: 0.48 },
  paid_search: { sessions: 200, conversion: 0.05, activation: 0.45, costPerSession: 3.0 },
  paid_social: { sessions: 120, conversion: 0.022, activation: 0.22, costPerSession: 2.2 },
  referral: { sessions: 60, conversion: 0.07, activation: 0.55 },
};
const PUSH = { sessionFactor: 5, activation: 0.15 };

const PLANS = {
  starter: { price: 19, share: 0.55, monthlyChurn: 0.022 },
  team: { price: 49, share: 0.35, monthlyChurn: 0.013 },
  business: { price: 129, share: 0.1, monthlyChurn: 0.008 },
};
const planShares = Object.fromEntries(Object.entries(PLANS).map(([plan, { share }]) => [plan, share]));

// B2B traffic: busy on weekdays, quiet at weekends, a holiday dip in December.
const WEEKDAY_FACTOR = [1.08, 1.1, 1.1, 1.05, 0.98, 0.62, 0.66];
const seasonFactor = (day) => (day.month === 12 ? 0.85 : day.month === 8 ? 0.9 : 1);

const columns = (spec) => spec.map(([name, type, digits]) => ({ name, type, digits }));

function simulateSubscription(random, subscription, payments) {
  const plan = PLANS[subscription.plan];
  const churn = plan.monthlyChurn * (subscription.channel === "paid_social" ? 1.8 : 1);
  const pay = (paidAt) => {
    if (paidAt >= DATA_START)
      payments.push([
        subscription.id,
        subscription.userId,
        subscription.plan,
        subscription.channel,
        paidAt,
        plan.price,
      ]);
  };
  pay(subscription.startedAt);
  for (let month = 1; ; month++) {
    const renewal = addMonths(subscription.startedAt, month);
    if (renewal > DATA_END) return;
    if (random.chance(churn)) {
      const previous = addMonths(subscription.startedAt, month - 1);
      const cancelledAt = Math.round(random.uniform(previous + DAY, renewal - HOUR) / 1000) * 1000;
      subscription.cancelledAt = cancelledAt <= DATA_END ? cancelledAt : null;
      return;
    }
    pay(renewal);
  }
}

/** Customers who signed up before the data starts: the base that churn is measured against. */
function historicalSubscriptions(random) {
  const subscriptions = [];
  for (let start = utc("2024-01-01"); start < DATA_START; start += DAY) {
    const count = random.poisson(3.2);
    for (let index = 0; index < count; index++) {
      subscriptions.push({
        plan: random.weighted(planShares),
        channel: random.weighted({ organic: 0.5, paid_search: 0.3, paid_social: 0.05, referral: 0.15 }),
        startedAt: atHour(start, officeHour(random, 14, 4, 0.25)),
      });
    }
  }
  return subscriptions;
}

export function generateSaas(random) {
  const traffic = [];
  const spend = [];
  const signups = [];
  for (const day of days()) {
    const push = day.start >= PAID_SOCIAL_PUSH;
    const volume = (1 + 0.3 * day.progress) * WEEKDAY_FACTOR[day.weekday] * seasonFactor(day);
    for (const [channel, profile] of Object.entries(CHANNELS)) {
      const boost = push && channel === "paid_social" ? PUSH.sessionFactor : 1;
      const sessions = Math.round(profile.sessions * boost * volume * random.normal(1, 0.06));
      traffic.push([day.start, channel, sessions]);
      if (profile.costPerSession)
        spend.push([day.start, channel, sessions * profile.costPerSession * random.normal(1, 0.04)]);
      const activation = push && channel === "paid_social" ? PUSH.activation : profile.activation;
      const count = random.poisson(sessions * profile.conversion);
      for (let index = 0; index < count; index++) {
        signups.push({ channel, activation, signedUpAt: atHour(day.start, officeHour(random, 14, 4, 0.25)) });
      }
    }
    // Brand and content sponsorships: a steady cost with no sessions of their own.
    spend.push([day.start, "content", 300 * (1 + 0.3 * day.progress) * random.normal(1, 0.1)]);
  }
  signups.sort((a, b) => a.signedUpAt - b.signedUpAt);

  const subscriptions = historicalSubscriptions(random);
  const users = [];
  let nextUserId = subscriptions.length + 1;
  subscriptions.forEach((subscription, index) => {
    subscription.userId = index + 1;
  });
  for (const signup of signups) {
    const userId = nextUserId++;
    const plan = random.weighted(planShares);
    let activatedAt = null;
    let paidChance = 0.03;
    if (random.chance(signup.activation)) {
      activatedAt = signup.signedUpAt + Math.round(Math.min(random.exponential(36), 167) * 3600) * 1000;
      paidChance = 0.3;
    } else if (random.chance(0.12)) {
      activatedAt = signup.signedUpAt + Math.round(random.uniform(7.2, 30) * 86400) * 1000;
      paidChance = 0.12;
    }
    if (activatedAt !== null && activatedAt > DATA_END) activatedAt = null;
    users.push([userId, signup.signedUpAt, signup.channel, plan, activatedAt]);
    if (random.chance(paidChance)) {
      const startedAt = signup.signedUpAt + Math.round(random.uniform(3, 14) * 86400) * 1000;
      if (startedAt <= DATA_END) subscriptions.push({ userId, plan, channel: signup.channel, startedAt });
    }
  }

  subscriptions.sort((a, b) => a.startedAt - b.startedAt || a.userId - b.userId);
  const payments = [];
  subscriptions.forEach((subscription, index) => {
    subscription.id = index + 1;
    subscription.cancelledAt = null;
    simulateSubscription(random, subscription, payments);
  });
  payments.sort((a, b) => a[4] - b[4] || a[0] - b[0]);
  const keptSubscriptions = subscriptions.filter(
    (s) => s.cancelledAt === null || s.cancelledAt >= DATA_START,
  );

  return {
    "web_traffic.csv": {
      columns: columns([
        ["visited_on", "DATE"],
        ["channel", "VARCHAR"],
        ["sessions", "INTEGER"],
      ]),
      rows: traffic,
    },
    "marketing_spend.csv": {
      columns: columns([
        ["spent_on", "DATE"],
        ["channel", "VARCHAR"],
        ["amount_eur", "DOUBLE", 2],
      ]),
      rows: spend,
    },
    "users.parquet": {
      columns: columns([
        ["user_id", "INTEGER"],
        ["signed_up_at", "TIMESTAMP"],
        ["channel", "VARCHAR"],
        ["plan", "VARCHAR"],
        ["activated_at", "TIMESTAMP"],
      ]),
      rows: users,
    },
    "subscriptions.parquet": {
      columns: columns([
        ["subscription_id", "INTEGER"],
        ["user_id", "INTEGER"],
        ["plan", "VARCHAR"],
        ["channel", "VARCHAR"],
        ["started_at", "TIMESTAMP"],
        ["cancelled_at", "TIMESTAMP"],
        ["mrr_eur", "DOUBLE", 2],
      ]),
      rows: keptSubscriptions.map((s) => [
        s.id,
        s.userId,
        s.plan,
        s.channel,
        s.startedAt,
        s.cancelledAt,
        PLANS[s.plan].price,
      ]),
    },
    "payments.parquet": {
      columns: columns([
        ["subscription_id", "INTEGER"],
        ["user_id", "INTEGER"],
        ["plan", "VARCHAR"],
        ["channel", "VARCHAR"],
        ["paid_at", "TIMESTAMP"],
        ["amount_eur", "DOUBLE", 2],
      ]),
      rows: payments,
    },
  };
}
