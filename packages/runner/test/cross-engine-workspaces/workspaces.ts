import { type Bounds, countIf, grouped, type HandSql, openAt, percentile, within } from "./hand-sql.js";

// Three workspaces written only with structured measures (no raw `sql`), each KPI next to the
// hand-written query that gives its expected value: `expected(sql, bounds, segment)` returns rows
// `{ k, value }`, one per segment value (or one row when `segment` is null).

export interface CrossEngineKpi {
  fields: Record<string, unknown>;
  expected(sql: HandSql, bounds: Bounds, segment: string | null): string;
}

export interface CrossEngineWorkspace {
  name: string;
  source: string;
  /** View name -> SELECT, portable across the four engines. */
  views: Record<string, string>;
  kpis: Record<string, CrossEngineKpi>;
}

const kpi = (formula: string, measures: Record<string, unknown>, segments: string[]) => ({
  name: formula,
  unit: "count",
  direction: "increase",
  formula,
  measures,
  segments,
});

const RATED =
  "SELECT s.survey_id, s.score, s.answered_at, t.channel, t.priority FROM surveys s JOIN tickets t ON t.ticket_id = s.ticket_id";
const USER_EVENTS =
  "SELECT e.event_id, e.user_id, e.kind, e.amount, e.occurred_at, u.plan FROM events e JOIN users u ON u.user_id = e.user_id";

const tickets = { source: "desk", from: "tickets" };
const toFirstResponse = { from: "created_at", to: "first_response_at" };

export const SUPPORT: CrossEngineWorkspace = {
  name: "support",
  source: "desk",
  views: { rated: RATED },
  kpis: {
    first_response_median: {
      fields: kpi(
        "median_hours",
        { median_hours: { ...tickets, aggregate: "median", duration: toFirstResponse, time: "created_at" } },
        ["channel"],
      ),
      expected: (sql, b, key) =>
        percentile(
          sql,
          "tickets",
          key,
          sql.hours("created_at", "first_response_at"),
          within("created_at", b.start, b.end),
          0.5,
        ),
    },
    first_response_p90: {
      fields: kpi(
        "p90_hours",
        {
          p90_hours: {
            ...tickets,
            aggregate: "percentile",
            percentile: 0.9,
            duration: toFirstResponse,
            time: "created_at",
          },
        },
        ["priority"],
      ),
      expected: (sql, b, key) =>
        percentile(
          sql,
          "tickets",
          key,
          sql.hours("created_at", "first_response_at"),
          within("created_at", b.start, b.end),
          0.9,
        ),
    },
    resolution_hours: {
      fields: kpi(
        "hours",
        {
          hours: {
            ...tickets,
            aggregate: "avg",
            duration: { from: "created_at", to: "resolved_at" },
            time: "resolved_at",
          },
        },
        ["channel"],
      ),
      expected: (sql, b, key) => {
        const inPeriod = within("resolved_at", b.start, b.end);
        return grouped(
          "tickets",
          key,
          `AVG(CASE WHEN ${inPeriod} THEN ${sql.hours("created_at", "resolved_at")} END)`,
          inPeriod,
        );
      },
    },
    open_backlog: {
      fields: kpi(
        "open_tickets",
        {
          open_tickets: {
            ...tickets,
            aggregate: "count",
            active: { from: "created_at", until: "resolved_at" },
          },
        },
        ["priority"],
      ),
      expected: (_, b, key) => {
        const open = openAt("created_at", "resolved_at", b.end);
        return grouped("tickets", key, countIf(open), open);
      },
    },
    high_priority_share_28d: {
      fields: kpi(
        "high / all_tickets",
        {
          high: {
            ...tickets,
            aggregate: "count",
            where: "priority = 'high'",
            time: "created_at",
            window: "28d",
          },
          all_tickets: { ...tickets, aggregate: "count", time: "created_at", window: "28d" },
        },
        ["channel"],
      ),
      expected: (_, b, key) => {
        const recent = within("created_at", b.window28, b.end);
        return grouped(
          "tickets",
          key,
          `1e0 * ${countIf(`${recent} AND priority = 'high'`)} / NULLIF(${countIf(recent)}, 0)`,
          recent,
        );
      },
    },
    csat: {
      fields: kpi(
        "average_score",
        {
          average_score: {
            source: "desk",
            from: "rated",
            aggregate: "avg",
            column: "score",
            time: "answered_at",
          },
        },
        ["channel", "priority"],
      ),
      expected: (_, b, key) => {
        const inPeriod = within("answered_at", b.start, b.end);
        return grouped(`(${RATED})`, key, `AVG(CASE WHEN ${inPeriod} THEN 1e0 * score END)`, inPeriod);
      },
    },
    satisfied_share: {
      fields: kpi(
        "satisfied / answers",
        {
          satisfied: {
            source: "desk",
            from: "rated",
            aggregate: "count",
            where: "score >= 4",
            time: "answered_at",
          },
          answers: { source: "desk", from: "rated", aggregate: "count", time: "answered_at" },
        },
        ["channel"],
      ),
      expected: (_, b, key) => {
        const inPeriod = within("answered_at", b.start, b.end);
        return grouped(
          `(${RATED})`,
          key,
          `1e0 * ${countIf(`${inPeriod} AND score >= 4`)} / NULLIF(${countIf(inPeriod)}, 0)`,
          inPeriod,
        );
      },
    },
  },
};

const userEvents = { source: "app", from: "user_events", time: "occurred_at" };

export const SAAS: CrossEngineWorkspace = {
  name: "saas",
  source: "app",
  views: { user_events: USER_EVENTS },
  kpis: {
    activation_rate: {
      fields: kpi(
        "activated / signups",
        {
          activated: {
            source: "app",
            from: "users",
            aggregate: "count",
            where: "activated_at IS NOT NULL",
            time: "signed_up_at",
          },
          signups: { source: "app", from: "users", aggregate: "count", time: "signed_up_at" },
        },
        ["channel"],
      ),
      expected: (_, b, key) => {
        const inPeriod = within("signed_up_at", b.start, b.end);
        return grouped(
          "users",
          key,
          `1e0 * ${countIf(`${inPeriod} AND activated_at IS NOT NULL`)} / NULLIF(${countIf(inPeriod)}, 0)`,
          inPeriod,
        );
      },
    },
    active_users_28d: {
      fields: kpi(
        "active",
        { active: { ...userEvents, aggregate: "count_distinct", column: "user_id", window: "28d" } },
        ["plan"],
      ),
      expected: (_, b, key) => {
        const recent = within("occurred_at", b.window28, b.end);
        return grouped(
          `(${USER_EVENTS})`,
          key,
          `COUNT(DISTINCT CASE WHEN ${recent} THEN user_id END)`,
          recent,
        );
      },
    },
    revenue_per_buyer: {
      fields: kpi(
        "revenue / buyers",
        {
          revenue: { ...userEvents, aggregate: "sum", column: "amount", where: "kind = 'purchase'" },
          buyers: {
            ...userEvents,
            aggregate: "count_distinct",
            column: "user_id",
            where: "kind = 'purchase'",
          },
        },
        ["plan"],
      ),
      expected: (_, b, key) => {
        const purchase = `${within("occurred_at", b.start, b.end)} AND kind = 'purchase'`;
        return grouped(
          `(${USER_EVENTS})`,
          key,
          `1e0 * SUM(CASE WHEN ${purchase} THEN amount END) / NULLIF(COUNT(DISTINCT CASE WHEN ${purchase} THEN user_id END), 0)`,
          purchase,
        );
      },
    },
    net_revenue: {
      fields: kpi(
        "net",
        {
          net: {
            ...userEvents,
            aggregate: "sum",
            expr: "CASE WHEN kind = 'refund' THEN -amount ELSE amount END",
            where: "kind <> 'visit'",
          },
        },
        ["plan"],
      ),
      expected: (_, b, key) => {
        const paid = `${within("occurred_at", b.start, b.end)} AND kind <> 'visit'`;
        return grouped(
          `(${USER_EVENTS})`,
          key,
          `SUM(CASE WHEN ${paid} THEN (CASE WHEN kind = 'refund' THEN -amount ELSE amount END) END)`,
          paid,
        );
      },
    },
    revenue_growth: {
      fields: kpi(
        "revenue / previous(revenue) - 1",
        { revenue: { ...userEvents, aggregate: "sum", column: "amount", where: "kind = 'purchase'" } },
        ["plan"],
      ),
      expected: (_, b, key) => {
        const now = `${within("occurred_at", b.start, b.end)} AND kind = 'purchase'`;
        const before = `${within("occurred_at", b.earlier.start, b.earlier.end)} AND kind = 'purchase'`;
        return grouped(
          `(${USER_EVENTS})`,
          key,
          `1e0 * SUM(CASE WHEN ${now} THEN amount END) / NULLIF(SUM(CASE WHEN ${before} THEN amount END), 0) - 1`,
          now,
        );
      },
    },
    median_purchase: {
      fields: kpi(
        "median_amount",
        {
          median_amount: { ...userEvents, aggregate: "median", column: "amount", where: "kind = 'purchase'" },
        },
        ["plan"],
      ),
      expected: (sql, b, key) =>
        percentile(
          sql,
          `(${USER_EVENTS})`,
          key,
          "amount",
          `${within("occurred_at", b.start, b.end)} AND kind = 'purchase'`,
          0.5,
        ),
    },
    users_to_date: {
      fields: kpi(
        "signed_up",
        {
          signed_up: {
            source: "app",
            from: "users",
            aggregate: "count",
            time: "signed_up_at",
            window: "all",
          },
        },
        ["plan"],
      ),
      expected: (_, b, key) => {
        const before = `signed_up_at < ${b.end}`;
        return grouped("users", key, countIf(before), before);
      },
    },
  },
};

const subscriptions = { source: "billing", from: "subscriptions" };
const activeAtEnd = { from: "started_at", until: "cancelled_at", at: "end" };

export const SUBSCRIPTION: CrossEngineWorkspace = {
  name: "subscription",
  source: "billing",
  views: {},
  kpis: {
    churn_rate: {
      fields: kpi(
        "cancelled / at_start",
        {
          cancelled: {
            ...subscriptions,
            aggregate: "count",
            where: "started_at < :start",
            time: "cancelled_at",
          },
          at_start: {
            ...subscriptions,
            aggregate: "count",
            active: { from: "started_at", until: "cancelled_at", at: "start" },
          },
        },
        ["plan"],
      ),
      expected: (_, b, key) => {
        const cancelled = `${within("cancelled_at", b.start, b.end)} AND started_at < ${b.start}`;
        const atStart = openAt("started_at", "cancelled_at", b.start);
        return grouped(
          "subscriptions",
          key,
          `1e0 * ${countIf(cancelled)} / NULLIF(${countIf(atStart)}, 0)`,
          `(${cancelled}) OR (${atStart})`,
        );
      },
    },
    active_subscriptions: {
      fields: kpi("active", { active: { ...subscriptions, aggregate: "count", active: activeAtEnd } }, [
        "region",
      ]),
      expected: (_, b, key) => {
        const open = openAt("started_at", "cancelled_at", b.end);
        return grouped("subscriptions", key, countIf(open), open);
      },
    },
    arpa: {
      fields: kpi(
        "mrr / accounts",
        {
          mrr: { ...subscriptions, aggregate: "sum", column: "mrr", active: activeAtEnd },
          accounts: {
            ...subscriptions,
            aggregate: "count_distinct",
            column: "customer_id",
            active: activeAtEnd,
          },
        },
        ["plan", "region"],
      ),
      expected: (_, b, key) => {
        const open = openAt("started_at", "cancelled_at", b.end);
        return grouped(
          "subscriptions",
          key,
          `1e0 * SUM(CASE WHEN ${open} THEN mrr END) / NULLIF(COUNT(DISTINCT CASE WHEN ${open} THEN customer_id END), 0)`,
          open,
        );
      },
    },
    mrr_growth: {
      fields: kpi(
        "mrr / previous(mrr) - 1",
        { mrr: { ...subscriptions, aggregate: "sum", column: "mrr", active: activeAtEnd } },
        ["plan"],
      ),
      expected: (_, b, key) => {
        const now = openAt("started_at", "cancelled_at", b.end);
        const before = openAt("started_at", "cancelled_at", b.earlier.end);
        return grouped(
          "subscriptions",
          key,
          `1e0 * SUM(CASE WHEN ${now} THEN mrr END) / NULLIF(SUM(CASE WHEN ${before} THEN mrr END), 0) - 1`,
          now,
        );
      },
    },
    net_adds: {
      fields: kpi(
        "started - cancelled",
        {
          started: { ...subscriptions, aggregate: "count", time: "started_at" },
          cancelled: { ...subscriptions, aggregate: "count", time: "cancelled_at" },
        },
        ["plan"],
      ),
      expected: (_, b, key) => {
        const started = within("started_at", b.start, b.end);
        const cancelled = within("cancelled_at", b.start, b.end);
        return grouped(
          "subscriptions",
          key,
          `${countIf(started)} - ${countIf(cancelled)}`,
          `(${started}) OR (${cancelled})`,
        );
      },
    },
    median_tenure_days: {
      fields: kpi(
        "tenure_hours / 24",
        {
          tenure_hours: {
            ...subscriptions,
            aggregate: "median",
            duration: { from: "started_at", to: "cancelled_at" },
            time: "cancelled_at",
          },
        },
        ["plan"],
      ),
      expected: (sql, b, key) =>
        `SELECT t.k, t.value / 24 AS value FROM (${percentile(sql, "subscriptions", key, sql.hours("started_at", "cancelled_at"), within("cancelled_at", b.start, b.end), 0.5)}) t`,
    },
    customers_to_date: {
      fields: kpi(
        "customers",
        {
          customers: {
            ...subscriptions,
            aggregate: "count_distinct",
            column: "customer_id",
            time: "started_at",
            window: "all",
          },
        },
        ["region"],
      ),
      expected: (_, b, key) => {
        const before = `started_at < ${b.end}`;
        return grouped(
          "subscriptions",
          key,
          `COUNT(DISTINCT CASE WHEN ${before} THEN customer_id END)`,
          before,
        );
      },
    },
  },
};

export const WORKSPACES: CrossEngineWorkspace[] = [SUPPORT, SAAS, SUBSCRIPTION];
