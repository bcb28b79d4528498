// Issue #12: `describe` names a query's columns for `kpi validate --sources`, and fails as a query
// would on a missing table or column or on SQL that does not compile.
import { type Connection, clickhouseDialect, SourceError } from "@kpi-as-code/connection";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickhouseConnector } from "../src/index.js";
import { clusterOrSkip, onEveryShard, SHARD_URLS } from "./clickhouse-cluster.js";

const reachable = await clusterOrSkip();

describe.skipIf(!reachable)("clickhouse describe", () => {
  let connection: Connection;

  beforeAll(async () => {
    await onEveryShard("DROP TABLE IF EXISTS default.describe_orders");
    await onEveryShard(
      "CREATE TABLE default.describe_orders (id UInt32, amount Nullable(Float64), created_at DateTime('UTC')) ENGINE = MergeTree ORDER BY id",
    );
    connection = await clickhouseConnector.connect(
      { type: "clickhouse", url: `${SHARD_URLS[0]}/default` },
      { workspaceRoot: "/tmp", source: "warehouse" },
    );
  });

  afterAll(async () => {
    await connection?.close();
    await onEveryShard("DROP TABLE IF EXISTS default.describe_orders");
  });

  it("names the columns of a query, with its parameters bound", async () => {
    const described = await connection.describe?.(
      `SELECT id, amount * 2 AS doubled FROM describe_orders WHERE created_at >= ${clickhouseDialect.timestampParam(1)};`,
      ["2026-01-01"],
    );
    expect(described?.columns).toEqual(["id", "doubled"]);
  });

  it.each([
    ["a missing table", "SELECT * FROM describe_order"],
    ["a missing column", "SELECT amout FROM describe_orders"],
    ["SQL that does not compile", "SELECT id FROM describe_orders WHERE"],
  ])("fails on %s as a query would", async (_, sql) => {
    const failure = await connection.describe?.(sql, []).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SourceError);
    expect((failure as SourceError).kind).toBe("query");
  });

  it("refuses a statement that is not a read-only query", async () => {
    const failure = await connection
      .describe?.("DROP TABLE describe_orders", [])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SourceError);
    expect((failure as SourceError).kind).toBe("read-only");
  });
});
