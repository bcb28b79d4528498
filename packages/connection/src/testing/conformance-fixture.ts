import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ordersRows } from "./orders-fixture.js";

/**
 * The conformance suite's data and workspace: the same rows, KPI files and expected values for every
 * engine. Values are worked out by hand from the rows below (see the comments), never taken from
 * one engine, so every engine is held to the spec rather than to another engine.
 */

/**
 * `timestamp` is a wall-clock timestamp (no zone); `zoned` an instant (timestamptz, MySQL TIMESTAMP,
 * DuckDB TIMESTAMPTZ), given here as UTC text: adapters load it in a UTC session, and the connector
 * must read it in UTC whatever the server's or database's default zone.
 */
export type ColumnType = "integer" | "text" | "decimal" | "timestamp" | "zoned";
export type Cell = string | number | null;

export interface FixtureColumn {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

export interface FixtureTable {
  name: string;
  columns: readonly FixtureColumn[];
  rows: readonly (readonly Cell[])[];
}

const column = (name: string, type: ColumnType, nullable = false): FixtureColumn => ({
  name,
  type,
  nullable,
});

// id, channel, created_at, first_response_at (null: never answered), closed_at (null: still open)
const TICKETS: Cell[][] = [
  [1, "email", "2026-01-20 09:00:00", "2026-01-20 10:30:00", "2026-02-01 00:00:00"],
  [2, "chat", "2026-02-02 08:00:00", "2026-02-02 10:30:00", null],
  [3, "chat", "2026-02-05 12:00:00", "2026-02-05 12:30:00", "2026-03-10 00:00:00"],
  [4, "email", "2026-02-10 09:00:00", "2026-02-10 11:00:00", "2026-02-11 00:00:00"],
  [5, "phone", "2026-02-14 15:00:00", null, null],
  [6, "email", "2026-02-20 07:00:00", "2026-02-20 09:00:00", null],
  [7, "chat", "2026-02-27 22:00:00", "2026-02-28 01:00:00", null],
  [8, "phone", "2026-03-03 10:00:00", "2026-03-03 10:45:00", null],
];

/** `orders` is the orders fixture (orders-fixture.ts); `tickets` has durations and open/closed states. */
export const conformanceTables: readonly FixtureTable[] = [
  {
    name: "orders",
    columns: [
      column("id", "integer"),
      column("customer", "text"),
      column("amount", "decimal"),
      column("status", "text"),
      column("created_at", "timestamp"),
    ],
    rows: ordersRows,
  },
  {
    name: "tickets",
    columns: [
      column("id", "integer"),
      column("channel", "text"),
      column("created_at", "timestamp"),
      column("first_response_at", "timestamp", true),
      column("closed_at", "timestamp", true),
    ],
    rows: TICKETS,
  },
  {
    name: "signups",
    columns: [column("id", "integer"), column("signed_up_at", "zoned")],
    // Late on March 31 and early on April 1 in UTC: both are March 31 in New York.
    rows: [
      [1, "2026-03-31 23:30:00"],
      [2, "2026-04-01 00:30:00"],
      [3, "2026-03-15 12:00:00"],
    ],
  },
];

/** CREATE TABLE with the engine's type names; `name` defaults to the table's. */
export function createTableSql(
  table: FixtureTable,
  typeName: (type: ColumnType, nullable: boolean) => string,
  options: { name?: string; suffix?: string } = {},
): string {
  const columns = table.columns.map((col) => `${col.name} ${typeName(col.type, col.nullable)}`).join(", ");
  return `CREATE TABLE ${options.name ?? table.name} (${columns})${options.suffix ? ` ${options.suffix}` : ""}`;
}

/** One INSERT of `rows` as SQL literals (fixture texts need no escaping beyond doubled quotes). */
export function insertSql(
  table: FixtureTable,
  options: { name?: string; rows?: readonly (readonly Cell[])[] } = {},
): string {
  const literal = (cell: Cell) =>
    cell === null ? "NULL" : typeof cell === "number" ? String(cell) : `'${cell.replaceAll("'", "''")}'`;
  const values = (options.rows ?? table.rows).map((row) => `(${row.map(literal).join(", ")})`).join(", ");
  return `INSERT INTO ${options.name ?? table.name} VALUES ${values}`;
}

export const Q1 = { start: "2026-01-01", end: "2026-04-01" };
export const FEBRUARY = { start: "2026-02-01", end: "2026-03-01" };

const orders = { source: "db", from: "orders", time: "created_at" };
const tickets = { source: "db", from: "tickets", time: "created_at" };
const response = { from: "created_at", to: "first_response_at" };
const open = {
  source: "db",
  from: "tickets",
  aggregate: "count",
  active: { from: "created_at", until: "closed_at" },
};

type KpiFields = Record<string, unknown>;
const kpi = (
  measures: Record<string, unknown>,
  formula = Object.keys(measures)[0] as string,
  extra: KpiFields = {},
) => ({
  measures,
  formula,
  ...extra,
});

/** The KPIs (formula and measures; the rest is filled in) of the conformance workspace. */
export const conformanceKpis: Record<string, KpiFields> = {
  // Every aggregate of the registry, over Q1's orders: amounts 10.5, 20, 5.25, 100, 40.75.
  orders_count: kpi({ n: { ...orders, aggregate: "count" } }),
  customers: kpi({ n: { ...orders, aggregate: "count_distinct", column: "customer" } }),
  revenue: kpi({ total: { ...orders, aggregate: "sum", column: "amount" } }, "total", {
    segments: ["status"],
  }),
  average_order: kpi({ mean: { ...orders, aggregate: "avg", column: "amount" } }),
  smallest_order: kpi({ low: { ...orders, aggregate: "min", column: "amount" } }),
  largest_order: kpi({ high: { ...orders, aggregate: "max", column: "amount" } }),
  median_order: kpi({ mid: { ...orders, aggregate: "median", column: "amount" } }),
  p90_order: kpi({ p90: { ...orders, aggregate: "percentile", percentile: 0.9, column: "amount" } }),
  doubled_revenue: kpi({ total: { ...orders, aggregate: "sum", expr: "amount * 2" } }),
  paid_share: kpi(
    {
      paid: { ...orders, aggregate: "count", where: "status = 'paid'" },
      all_orders: { ...orders, aggregate: "count" },
    },
    "paid / all_orders",
  ),
  // No `time`: :start and :end in `where` alone place the rows.
  bounded: kpi(
    {
      since_start: { source: "db", from: "orders", aggregate: "count", where: "created_at >= :start" },
      before_end: { source: "db", from: "orders", aggregate: "count", where: "created_at < :end" },
    },
    "since_start * 10 + before_end",
  ),
  paid_from_view: kpi({ n: { source: "db", from: "paid_orders", time: "created_at", aggregate: "count" } }),
  // Instants: in a New York session, March's bounds would move by four or five hours and take signup 2.
  march_signups: kpi({ n: { source: "db", from: "signups", time: "signed_up_at", aggregate: "count" } }),
  raw_orders: kpi({
    n: { source: "db", sql: "select count(*) from orders where created_at >= :start and created_at < :end" },
  }),
  // February's tickets: hours to first response 2.5, 0.5, 2, null, 2, 3.
  response_median: kpi({ h: { ...tickets, aggregate: "median", duration: response } }, "h", {
    segments: ["channel"],
  }),
  response_p90: kpi({ h: { ...tickets, aggregate: "percentile", percentile: 0.9, duration: response } }),
  response_avg: kpi({ h: { ...tickets, aggregate: "avg", duration: response } }),
  last_week_tickets: kpi({ n: { ...tickets, aggregate: "count", window: "7d" } }),
  tickets_ever: kpi({ n: { ...tickets, aggregate: "count", window: "all" } }),
  open_at_end: kpi({ n: open }),
  open_at_start: kpi({ n: { ...open, active: { ...open.active, at: "start" } } }),
};

/** The views of the conformance source (plain SQL every engine reads alike). */
export const conformanceViews = {
  paid_orders: "SELECT id, customer, amount, created_at FROM orders WHERE status = 'paid'",
};

export interface PeriodExpectation {
  period: { start: string; end: string };
  values: Record<string, number>;
  breakdowns: Record<string, Record<string, number | null>>;
}

export const expectedTotals: PeriodExpectation[] = [
  {
    period: Q1,
    values: {
      orders_count: 5,
      customers: 3, // alice, bob, carol
      revenue: 176.5,
      average_order: 35.3,
      smallest_order: 5.25,
      largest_order: 100,
      median_order: 20,
      p90_order: 76.3, // rank 0.9·4 = 3.6: 40.75 + 0.6·(100 − 40.75)
      doubled_revenue: 353,
      paid_share: 0.6,
      bounded: 75, // 7 rows from Jan 1 on, 5 before Apr 1
      paid_from_view: 3,
      raw_orders: 5,
    },
    breakdowns: { revenue: { paid: 130.5, pending: 40.75, refunded: 5.25 } },
  },
  {
    period: { start: "2026-03-01", end: "2026-04-01" },
    values: { march_signups: 2 }, // signups 1 and 3 in UTC (3 in a New York session)
    breakdowns: {},
  },
  {
    period: FEBRUARY,
    values: {
      response_median: 2, // 0.5, 2, 2, 2.5, 3
      response_p90: 2.8, // rank 3.6: 2.5 + 0.6·0.5
      response_avg: 2,
      last_week_tickets: 1, // Feb 22 up to Mar 1: ticket 7
      tickets_ever: 7,
      open_at_end: 5, // at Mar 1: tickets 2, 3, 5, 6, 7
      open_at_start: 1, // at Feb 1: ticket 1 (closed exactly then: until >= T)
    },
    breakdowns: { response_median: { chat: 2.5, email: 2, phone: null } },
  },
];

export interface SeriesExpectation {
  kpi: string;
  period: { start: string; end: string };
  grain: "day" | "week" | "month" | "quarter";
  /** Bucket start -> value. */
  points: Record<string, number>;
  /** Each bucket reads its own bounds (windows, states): a JOIN to the bucket list. */
  bucketBound?: boolean;
}

export const expectedSeries: SeriesExpectation[] = [
  {
    kpi: "orders_count",
    period: { start: "2026-01-04", end: "2026-01-06" },
    grain: "day",
    points: { "2026-01-04": 1, "2026-01-05": 1 },
  },
  {
    kpi: "orders_count",
    period: { start: "2026-01-05", end: "2026-02-02" },
    grain: "week",
    // Sunday Jan 11 is still the week of Monday Jan 5.
    points: { "2026-01-05": 2, "2026-01-12": 0, "2026-01-19": 0, "2026-01-26": 0 },
  },
  {
    kpi: "orders_count",
    period: Q1,
    grain: "month",
    points: { "2026-01-01": 3, "2026-02-01": 1, "2026-03-01": 1 },
  },
  {
    kpi: "revenue",
    period: { start: "2026-01-01", end: "2026-07-01" },
    grain: "quarter",
    points: { "2026-01-01": 176.5, "2026-04-01": 8 },
  },
  {
    kpi: "tickets_ever",
    period: Q1,
    grain: "month",
    points: { "2026-01-01": 1, "2026-02-01": 7, "2026-03-01": 8 },
    bucketBound: true,
  },
  {
    kpi: "open_at_end",
    period: Q1,
    grain: "month",
    points: { "2026-01-01": 1, "2026-02-01": 5, "2026-03-01": 5 },
    bucketBound: true,
  },
];

/** In New York, March ends at 04:00 UTC on April 1: the order at 00:00 UTC that day is March's. */
export const calendarExpectation = {
  calendar: { timezone: "America/New_York" },
  kpi: "orders_count",
  period: { start: "2026-03-01", end: "2026-04-01" },
  value: 2,
};

const KPI_DEFAULTS = {
  version: 1,
  owner: "ops",
  goal: "serve",
  indicator: "lagging",
  cadence: "monthly",
  unit: "count",
  direction: "increase",
  description: "Conformance suite KPI.",
};

/** Writes kpi.yaml (one source `db`) and the KPI files into `dir`. JSON is YAML. */
export function writeConformanceWorkspace(
  dir: string,
  source: Record<string, unknown>,
  options: { kpis?: Record<string, KpiFields>; project?: Record<string, unknown> } = {},
): void {
  mkdirSync(dir, { recursive: true });
  const project = {
    project: "conformance",
    owners: { ops: { name: "Ops" } },
    goals: { serve: { statement: "Serve" } },
    ...options.project,
    sources: { db: source },
  };
  writeFileSync(path.join(dir, "kpi.yaml"), JSON.stringify(project, null, 2));
  for (const [id, fields] of Object.entries(options.kpis ?? conformanceKpis)) {
    const file = { kpi: id, ...KPI_DEFAULTS, name: id.replaceAll("_", " "), ...fields };
    writeFileSync(path.join(dir, `${id}.kpi.yaml`), JSON.stringify(file, null, 2));
  }
}
