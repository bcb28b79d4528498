import { createClient } from "@clickhouse/client";

/** The two shards `.ci/services.sh` starts; `kpi_cluster` in their config joins them. */
export const SHARD_URLS = ["http://127.0.0.1:8123", "http://127.0.0.1:8124"] as const;
export const CLUSTER = "kpi_cluster";

export async function clusterReachable(): Promise<boolean> {
  for (const url of SHARD_URLS) {
    try {
      const response = await fetch(`${url}/ping`);
      if (!response.ok) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** In CI the cluster must be there: the tests fail instead of skipping. */
export async function clusterOrSkip(): Promise<boolean> {
  const reachable = await clusterReachable();
  if (!reachable && process.env.CI)
    throw new Error("CI is set but the ClickHouse shards on 8123/8124 are down");
  if (!reachable)
    console.warn("ClickHouse tests skipped: no server on 127.0.0.1:8123 and 8124 (run .ci/services.sh)");
  return reachable;
}

/** Runs one statement on every shard (DDL and loading data, never through the connector). */
export async function onEveryShard(query: string): Promise<void> {
  for (const url of SHARD_URLS) {
    const client = createClient({ url });
    try {
      await client.command({ query });
    } finally {
      await client.close();
    }
  }
}

/** Loads TabSeparated rows (`\N` is NULL) into one shard's table. */
export async function loadShard(
  shard: 0 | 1,
  table: string,
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const client = createClient({ url: SHARD_URLS[shard] });
  const body = rows
    .map((row) => row.map((value) => (value === null ? "\\N" : String(value))).join("\t"))
    .join("\n");
  try {
    await client.command({ query: `INSERT INTO ${table} FORMAT TabSeparated\n${body}\n` });
  } finally {
    await client.close();
  }
}
