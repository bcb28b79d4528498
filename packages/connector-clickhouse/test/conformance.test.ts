// The shared conformance suite (docs/connectors.md) against a two-shard ClickHouse cluster: a scratch
// database on both shards, each table a Distributed table over MergeTree tables holding half the rows.
import { randomBytes } from "node:crypto";
import { createClient } from "@clickhouse/client";
import {
  type ConformanceAdapter,
  createTableSql,
  insertSql,
  runConformanceSuite,
} from "@kpi-as-code/connection/testing";
import { runWorkspace } from "@kpi-as-code/runner";
import { expect } from "vitest";
import { clickhouseConnector } from "../src/index.js";
import { CLUSTER, clusterOrSkip, onEveryShard, SHARD_URLS } from "./clickhouse-cluster.js";

const reachable = await clusterOrSkip();
const TYPES = {
  integer: "Int32",
  text: "String",
  decimal: "Float64",
  timestamp: "DateTime('UTC')",
  zoned: "DateTime('UTC')",
};

async function onShard(shard: number, query: string): Promise<void> {
  const client = createClient({ url: SHARD_URLS[shard] });
  try {
    await client.command({ query });
  } finally {
    await client.close();
  }
}

const adapter: ConformanceAdapter = {
  connector: clickhouseConnector,
  async createScratch(tables) {
    const database = `kpi_conformance_${randomBytes(6).toString("hex")}`;
    await onEveryShard(`CREATE DATABASE ${database}`);
    for (const table of tables) {
      const typeName = (type: keyof typeof TYPES, nullable: boolean) =>
        nullable ? `Nullable(${TYPES[type]})` : TYPES[type];
      const local = `${database}.${table.name}_local`;
      await onEveryShard(
        createTableSql(table, typeName, { name: local, suffix: "ENGINE = MergeTree ORDER BY id" }),
      );
      await onEveryShard(
        `CREATE TABLE ${database}.${table.name} AS ${local} ENGINE = Distributed(${CLUSTER}, ${database}, ${table.name}_local, id)`,
      );
      for (const shard of [0, 1]) {
        const rows = table.rows.filter((row) => Number(row[0]) % 2 === shard);
        if (rows.length > 0) await onShard(shard, insertSql(table, { name: local, rows }));
      }
    }
    return {
      source: { type: "clickhouse", url: `${SHARD_URLS[0]}/${database}` },
      drop: () => onEveryShard(`DROP DATABASE IF EXISTS ${database}`),
    };
  },
  // Endless without a limit: only the timeout or the cancel ends it.
  slowQuery: (marker) => `SELECT sum(sipHash64(number, '${marker}')) AS s FROM system.numbers`,
  async serverQueries(marker) {
    const admin = createClient({ url: SHARD_URLS[0] });
    try {
      const result = await admin.query({
        query: `SELECT count() AS n FROM system.processes WHERE query LIKE '%${marker}%' AND query NOT LIKE '%system.processes%'`,
        format: "JSON",
      });
      const { data } = await result.json<{ n: string }>();
      return Number(data[0]?.n);
    } finally {
      await admin.close();
    }
  },
  downSource: (password) => ({ type: "clickhouse", url: `http://default:${password}@127.0.0.1:1/default` }),
  downKind: "connect",
  options: {
    allowed: {
      name: "max_threads",
      value: 3,
      async check(connection) {
        const query = "SELECT value FROM system.settings WHERE name = 'max_threads'";
        expect(await connection.query(query, [])).toEqual([{ value: "3" }]);
      },
    },
    refused: "readonly",
  },
  gaps: {},
};

runConformanceSuite(adapter, runWorkspace, { skip: !reachable });
