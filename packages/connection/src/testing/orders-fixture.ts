import type { SqlDialect, TimeGrain } from "../dialect.js";
import type { QueryParam, Row } from "../types.js";

/**
 * One small `orders` table that every connector's tests load into their engine
 * and query through their dialect, so all engines are held to the same numbers.
 * Amounts are multiples of 0.25 so that float and decimal engines agree exactly.
 */
export const ordersColumns = ["id", "customer", "amount", "status", "created_at"] as const;

export const ordersRows: ReadonlyArray<readonly [number, string, number, string, string]> = [
  [1, "alice", 10.5, "paid", "2026-01-04 23:30:00"], // Sunday: still the week of Monday 2025-12-29
  [2, "bob", 20, "paid", "2026-01-05 00:00:00"], // Monday, exactly at the window start
  [3, "alice", 5.25, "refunded", "2026-01-11 12:00:00"],
  [4, "carol", 100, "paid", "2026-02-15 08:00:00"],
  [5, "bob", 40.75, "pending", "2026-03-31 23:59:59"],
  [6, "dave", 8, "paid", "2026-04-01 00:00:00"], // exactly at the window end: excluded
  [7, "alice", 12.5, "paid", "2026-08-20 10:00:00"],
];

/** CREATE TABLE for the fixture; engines differ only in their timestamp type's name. */
export function ordersTableDdl(timestampType: string, table = "orders"): string {
  return `CREATE TABLE ${table} (id INTEGER, customer VARCHAR(20), amount DECIMAL(10,2), status VARCHAR(10), created_at ${timestampType})`;
}

export interface FixtureQuery {
  sql: string;
  params: QueryParam[];
  expected: Row[];
}

export const ordersWindow = { start: "2026-01-05", end: "2026-04-01" };

/** Plain, filtered and distinct aggregates over the half-open window `ordersWindow`. */
export function windowAggregatesQuery(dialect: SqlDialect): FixtureQuery {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const paid = `${q("status")} = 'paid'`;
  const lost = `${q("status")} = 'lost'`;
  const columns = [
    `${dialect.aggregate("count", null)} AS ${q("orders")}`,
    `${dialect.aggregate("sum", q("amount"))} AS ${q("revenue")}`,
    `${dialect.countDistinct(q("customer"))} AS ${q("customers")}`,
    `${dialect.filteredAggregate("count", null, paid)} AS ${q("paid_orders")}`,
    `${dialect.filteredAggregate("sum", q("amount"), paid)} AS ${q("paid_revenue")}`,
    `${dialect.filteredAggregate("count_distinct", q("customer"), paid)} AS ${q("paid_customers")}`,
    `${dialect.filteredAggregate("count", null, lost)} AS ${q("lost_orders")}`,
    `${dialect.filteredAggregate("sum", q("amount"), lost)} AS ${q("lost_revenue")}`,
  ];
  return {
    sql: `SELECT ${columns.join(", ")} FROM ${q("orders")} WHERE ${dialect.timeWindow(q("created_at"), 1, 2)}`,
    params: [ordersWindow.start, ordersWindow.end],
    expected: [
      {
        orders: 4,
        revenue: 166,
        customers: 3,
        paid_orders: 2,
        paid_revenue: 120,
        paid_customers: 2,
        lost_orders: 0,
        lost_revenue: null,
      },
    ],
  };
}

const expectedBuckets: Record<TimeGrain, Array<[string, number]>> = {
  day: [
    ["2026-01-04", 1],
    ["2026-01-05", 1],
    ["2026-01-11", 1],
    ["2026-02-15", 1],
    ["2026-03-31", 1],
    ["2026-04-01", 1],
    ["2026-08-20", 1],
  ],
  week: [
    ["2025-12-29", 1],
    ["2026-01-05", 2],
    ["2026-02-09", 1],
    ["2026-03-30", 2],
    ["2026-08-17", 1],
  ],
  month: [
    ["2026-01-01", 3],
    ["2026-02-01", 1],
    ["2026-03-01", 1],
    ["2026-04-01", 1],
    ["2026-08-01", 1],
  ],
  quarter: [
    ["2026-01-01", 5],
    ["2026-04-01", 1],
    ["2026-07-01", 1],
  ],
};

/** Row counts per time bucket, buckets as 'YYYY-MM-DD' bucket starts. */
export function timeBucketQuery(dialect: SqlDialect, grain: TimeGrain): FixtureQuery {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const bucket = dialect.timeBucket(grain, q("created_at"));
  return {
    // GROUP BY the expression, ORDER BY the alias: ClickHouse 18.16 reads `GROUP BY 1` as a constant.
    sql: `SELECT ${bucket} AS ${q("bucket")}, ${dialect.aggregate("count", null)} AS ${q("orders")} FROM ${q("orders")} GROUP BY ${bucket} ORDER BY ${q("bucket")}`,
    params: [],
    expected: expectedBuckets[grain].map(([bucket, orders]) => ({ bucket, orders })),
  };
}

/** A statement per kind of write; each must fail through Connection.query and leave the data intact. */
export const writeAttempts: readonly string[] = [
  "INSERT INTO orders (id, customer, amount, status, created_at) VALUES (99, 'mallory', 1, 'paid', '2026-01-06 00:00:00')",
  "DELETE FROM orders",
  "UPDATE orders SET amount = 0",
  "DROP TABLE orders",
  "CREATE TABLE intruder (id INTEGER)",
];

/** A check after write attempts: the fixture's rows are all still there, unchanged. */
export function intactQuery(dialect: SqlDialect): FixtureQuery {
  const q = (name: string) => dialect.quoteIdentifier(name);
  return {
    sql: `SELECT ${dialect.aggregate("count", null)} AS ${q("orders")}, ${dialect.aggregate("sum", q("amount"))} AS ${q("revenue")} FROM ${q("orders")}`,
    params: [],
    expected: [{ orders: ordersRows.length, revenue: ordersRows.reduce((total, row) => total + row[2], 0) }],
  };
}

/**
 * A raw SQL measure as a KPI author writes it: named period parameters, a ';'
 * inside a string and a trailing ';'. It must pass assertReadOnlyQuery, bind,
 * and run on every engine with the same result.
 */
export const rawSqlMeasure = {
  sql: "SELECT sum(amount) AS revenue FROM (\n  SELECT amount FROM orders\n  WHERE created_at >= :start AND created_at < :end AND status <> 'a;b' -- not; a statement\n) AS in_period;",
  values: ordersWindow,
  expected: [{ revenue: 166 }] as Row[],
};

/** Raw SQL that assertReadOnlyQuery must refuse under every dialect. */
export const rejectedRawSql: readonly string[] = [
  "DELETE FROM orders",
  "DROP TABLE orders",
  "COPY (SELECT * FROM orders) TO '/tmp/orders.csv'",
  "ATTACH '/tmp/other.db' AS other",
  "SELECT 1; DELETE FROM orders",
  "SELECT ';'; DROP TABLE orders",
  "WITH gone AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM gone",
];
