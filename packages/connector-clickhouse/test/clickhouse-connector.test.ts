import { type Connection, clickhouseDialect, SourceError } from "@kpi-as-code/connection";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickhouseConnector } from "../src/index.js";
import { CLUSTER, clusterOrSkip, loadShard, onEveryShard, SHARD_URLS } from "./clickhouse-cluster.js";

const reachable = await clusterOrSkip();
const context = { workspaceRoot: "/tmp", source: "warehouse" };

describe.skipIf(!reachable)("clickhouse connector on a two-shard cluster", () => {
  let connection: Connection;

  beforeAll(async () => {
    await onEveryShard("DROP TABLE IF EXISTS default.conn_orders_local");
    await onEveryShard("DROP TABLE IF EXISTS default.conn_orders");
    await onEveryShard(
      "CREATE TABLE default.conn_orders_local (id UInt32, amount Nullable(Float64), created_at DateTime('UTC')) ENGINE = MergeTree ORDER BY id",
    );
    await onEveryShard(
      `CREATE TABLE default.conn_orders AS default.conn_orders_local ENGINE = Distributed(${CLUSTER}, default, conn_orders_local, id)`,
    );
    await loadShard(0, "default.conn_orders_local", [
      [1, 10, "2026-01-05 10:00:00"],
      [2, null, "2026-01-20 11:00:00"],
    ]);
    await loadShard(1, "default.conn_orders_local", [
      [3, 20, "2026-02-01 00:00:00"],
      [4, 40, "2025-12-31 23:59:59"],
    ]);
    connection = await clickhouseConnector.connect(
      { type: "clickhouse", url: `${SHARD_URLS[0]}/default` },
      context,
    );
  });

  afterAll(async () => {
    await connection?.close();
  });

  it("reads both shards through the Distributed table, binding period bounds as checked literals", async () => {
    const d = clickhouseDialect;
    const sql = `SELECT ${d.aggregate("count", null)} AS n, ${d.aggregate("sum", "amount")} AS total, ${d.percentile(0.5, "amount", null)} AS median FROM conn_orders WHERE ${d.timeWindow("created_at", 1, 2)}`;
    const rows = await connection.query(sql, ["2026-01-01", "2026-03-01"]);
    expect(rows).toEqual([{ n: 3, total: 30, median: 15 }]);
  });

  it("gives NULL, not 0, for aggregates over no rows, and filters with -If combinators", async () => {
    const d = clickhouseDialect;
    const sql = `SELECT ${d.filteredAggregate("sum", "amount", "id > 100")} AS none, ${d.filteredAggregate("count", null, "amount IS NULL")} AS nulls, ${d.filteredAggregate("count_distinct", "id", "amount > 15")} AS big FROM conn_orders`;
    expect(await connection.query(sql, [])).toEqual([{ none: null, nulls: 1, big: 2 }]);
  });

  it("interpolates percentiles like percentile_cont", async () => {
    const d = clickhouseDialect;
    const sql = `SELECT ${d.percentile(0.9, "amount", "id > 0")} AS p90 FROM conn_orders`;
    // 10, 20, 40: rank 0.9·2 = 1.8 → 20 + 0.8·20
    expect(await connection.query(sql, [])).toEqual([{ p90: 36 }]);
  });

  it("refuses a parameter that is not a strict ISO date", async () => {
    await expect(connection.query("SELECT :kpi_p1 AS x", ["2026-01-01' OR 1=1 --"])).rejects.toThrow();
    await expect(connection.query("SELECT :kpi_p1 AS x", ["2026-13-01"])).rejects.toThrow();
    await expect(connection.query("SELECT :kpi_p1 AS x", ["2026-01-01 24:00:00"])).rejects.toThrow();
    // A calendar zone's midnight arrives as its UTC instant.
    expect(await connection.query("SELECT toString(:kpi_p1) AS x", ["2026-01-31 23:00:00"])).toEqual([
      { x: "2026-01-31 23:00:00" },
    ]);
  });

  it("keeps readonly=1 on the server: a query cannot lift it with SETTINGS", async () => {
    const server = connection.query("SELECT 1 SETTINGS readonly = 0", []);
    await expect(server).rejects.toBeInstanceOf(SourceError);
  });
});
