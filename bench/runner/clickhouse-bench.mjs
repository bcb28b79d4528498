// The runner benchmark's 50 KPIs on the two-shard ClickHouse cluster (`.ci/services.sh`: HTTP 8123
// and 8124): a Distributed table over a MergeTree table on each shard holding half the rows, made
// in the engines from numbers() (the same rows as bench-data.mjs). `kpi run`'s work (runWorkspace,
// in this process) against one hand-written query for the same values and breakdowns. ClickHouse
// 18.16 has no GROUPING SETS: the hand-written scan repeats each row once per grouping with
// ARRAY JOIN, so the table is read once; so does the runner's one scan (the dialect's `repeatRows`).
// Also the runner's one-scan statements against its one-query-per-grouping statements (`oneScan:
// false`), each run in turn through the connector, paired: time, and bytes read from the shards'
// compressed files (system.events ReadCompressedBytes on both shards, before and after; other
// queries on the cluster at the same time would add to it).
// Usage: node bench/runner/clickhouse-bench.mjs [--rows N] [--runs N]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { benchKpis, CHANNELS, KINDS, kpiFileText } from "./bench-data.mjs";

const repo = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const workspaceDir = join(repo, "bench", ".work", "runner-clickhouse");
const SHARDS = ["http://127.0.0.1:8123", "http://127.0.0.1:8124"];
const TABLE = "kpi_bench_events";
const PERIOD = { start: "2025-11-01", end: "2025-12-01" };

async function command(url, query) {
  const response = await fetch(url, { method: "POST", body: query });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: ${text.slice(0, 500)}`);
  return text;
}

/** The same rows as bench-data.mjs's events.parquet, half on each shard. */
async function loadCluster(rows) {
  const half = Math.floor(rows / 2);
  for (const [shard, url] of SHARDS.entries()) {
    await command(url, `DROP TABLE IF EXISTS default.${TABLE}`);
    await command(url, `DROP TABLE IF EXISTS default.${TABLE}_local`);
    await command(
      url,
      `CREATE TABLE default.${TABLE}_local (event_id UInt64, user_id UInt64, kind String, amount Nullable(Float64), channel String, country String, occurred_at DateTime('UTC')) ENGINE = MergeTree ORDER BY occurred_at`,
    );
    await command(
      url,
      `CREATE TABLE default.${TABLE} AS default.${TABLE}_local ENGINE = Distributed(kpi_cluster, default, ${TABLE}_local, event_id)`,
    );
    const offset = shard * half;
    const count = shard === 0 ? half : rows - half;
    await command(
      url,
      `INSERT INTO default.${TABLE}_local SELECT i, (i * 7919) % 20000, ['visit', 'signup', 'purchase', 'refund', 'upgrade'][(i % 5) + 1],
         if(i % 7 = 0, NULL, (i % 1000) * 0.5), ['ads', 'email', 'organic', 'social'][(intDiv(i, 3) % 4) + 1],
         ['de', 'fr', 'us', 'uk', 'es', 'it'][(intDiv(i, 11) % 6) + 1], toDateTime(1735689600 + intDiv(i * 3153600, 1000000), 'UTC')
       FROM (SELECT number + ${offset} AS i FROM system.numbers LIMIT ${count})`,
    );
  }
}

function writeWorkspace() {
  mkdirSync(workspaceDir, { recursive: true });
  writeFileSync(
    join(workspaceDir, "kpi.yaml"),
    JSON.stringify({
      project: "runner-bench-clickhouse",
      owners: { bench: { name: "Bench" } },
      goals: { bench: { statement: "Measure the runner" } },
      sources: { events_db: { type: "clickhouse", url: SHARDS[0], timeout: 600 } },
    }),
  );
  for (const kpi of benchKpis()) {
    const measures = Object.fromEntries(
      Object.entries(kpi.measures).map(([name, measure]) => [name, { ...measure, from: TABLE }]),
    );
    writeFileSync(join(workspaceDir, `${kpi.kpi}.kpi.yaml`), kpiFileText({ ...kpi, measures }));
  }
}

/** Every grouping in one read of the table: each row once per grouping (0: all, 1: channel, 2: country). */
function handWrittenSql() {
  const filters = [
    ...KINDS.map((kind) => `kind = '${kind}'`),
    ...KINDS.map((kind, index) => `kind = '${kind}' AND channel = '${CHANNELS[index % CHANNELS.length]}'`),
  ];
  const columns = ["count() AS total"];
  filters.forEach((where, index) => {
    columns.push(
      `countIf(${where}) AS n${index}`,
      `uniqExactIf(user_id, ${where}) AS u${index}`,
      `avgIf(amount, ${where} AND isNotNull(amount)) AS a${index}`,
      `sumIf(amount, ${where}) AS s${index}`,
    );
  });
  return `SELECT g, multiIf(g = 1, channel, g = 2, country, '') AS key, ${columns.join(", ")}
    FROM default.${TABLE} ARRAY JOIN [0, 1, 2] AS g
    WHERE occurred_at >= toDateTime('${PERIOD.start} 00:00:00', 'UTC') AND occurred_at < toDateTime('${PERIOD.end} 00:00:00', 'UTC')
    GROUP BY g, key FORMAT JSON`;
}

/** Compressed bytes the shards have read so far. */
async function bytesRead() {
  let total = 0;
  for (const url of SHARDS)
    total += Number(
      await command(url, "SELECT value FROM system.events WHERE event = 'ReadCompressedBytes'"),
    );
  return total;
}

/** Runs a compiled run's statements one after another; returns the compressed bytes they read. */
async function runStatements(connection, compiled) {
  const before = await bytesRead();
  for (const query of compiled) await connection.query(query.statement.sql, query.statement.params);
  return (await bytesRead()) - before;
}

async function timed(action) {
  const started = performance.now();
  await action();
  return (performance.now() - started) / 1000;
}

export async function runClickhouseBench({ rows = 10_000_000, runs = 5 } = {}) {
  const up = await Promise.all(
    SHARDS.map((url) =>
      fetch(`${url}/ping`).then(
        (r) => r.ok,
        () => false,
      ),
    ),
  );
  if (up.includes(false)) {
    console.log("ClickHouse shards on 8123/8124 are down (start them with .ci/services.sh): skipped");
    return undefined;
  }
  const runner = await import(pathToFileURL(join(repo, "packages/runner/dist/bundle/index.js")).href);
  const load = await timed(() => loadCluster(rows));
  writeWorkspace();
  const workspace = await runner.loadWorkspace(workspaceDir);
  const run = () => runner.runWorkspace({ root: workspaceDir, workspace, period: PERIOD });
  const check = await run();
  const errors = check.results.filter((result) => result.status === "error");
  if (errors.length > 0) throw new Error(`bench KPIs failed: ${errors[0].error}`);
  const targets = check.results.map((result) => ({ kpi: result.kpi, period: PERIOD }));
  const oneScan = runner.compileWorkspace(workspace, { targets }).compiled;
  const perGrouping = runner.compileWorkspace(workspace, { targets, oneScan: false }).compiled;
  const queries = oneScan.length;
  const hand = () => command(SHARDS[0], handWrittenSql());
  await hand();
  const { clickhouseConnector } = await import(
    pathToFileURL(join(repo, "packages/connector-clickhouse/dist/index.js")).href
  );
  const connection = await clickhouseConnector.connect(
    { type: "clickhouse", url: SHARDS[0], timeout: 600 },
    { workspaceRoot: workspaceDir, env: {}, source: "events_db" },
  );
  await runStatements(connection, oneScan);
  await runStatements(connection, perGrouping);
  const runnerSeconds = [];
  const handSeconds = [];
  const oneScanSeconds = [];
  const perGroupingSeconds = [];
  const oneScanBytes = [];
  const perGroupingBytes = [];
  for (let index = 0; index < runs; index++) {
    runnerSeconds.push(await timed(run));
    handSeconds.push(await timed(hand));
    oneScanSeconds.push(await timed(async () => oneScanBytes.push(await runStatements(connection, oneScan))));
    perGroupingSeconds.push(
      await timed(async () => perGroupingBytes.push(await runStatements(connection, perGrouping))),
    );
  }
  await connection.close();
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ratio = median(runnerSeconds.map((seconds, index) => seconds / handSeconds[index]));
  const scanRatio = median(oneScanSeconds.map((seconds, index) => seconds / perGroupingSeconds[index]));
  const mb = (bytes) => `${(median(bytes) / 1e6).toFixed(0)} MB`;
  console.log(
    [
      `ClickHouse 18.16, two shards, ${rows.toLocaleString("en")} rows (loaded in ${load.toFixed(1)} s), 50 KPIs -> ${queries} queries (one query per grouping: ${perGrouping.length})`,
      `one period: runner ${median(runnerSeconds).toFixed(3)} s, hand-written one scan ${median(handSeconds).toFixed(3)} s, ratio ${ratio.toFixed(2)}x (median of ${runs} pairs; goal <= 1.1x: ${ratio <= 1.1 ? "met" : "MISSED"})`,
      `one scan vs one query per grouping: ${median(oneScanSeconds).toFixed(3)} s vs ${median(perGroupingSeconds).toFixed(3)} s, ratio ${scanRatio.toFixed(2)}x; compressed bytes read ${mb(oneScanBytes)} vs ${mb(perGroupingBytes)} (medians of ${runs} pairs)`,
    ].join("\n"),
  );
  for (const url of SHARDS) {
    await command(url, `DROP TABLE IF EXISTS default.${TABLE}`);
    await command(url, `DROP TABLE IF EXISTS default.${TABLE}_local`);
  }
  return {
    rows,
    queries,
    runner: median(runnerSeconds),
    hand: median(handSeconds),
    ratio,
    scanRatio,
    oneScanBytes: median(oneScanBytes),
    perGroupingBytes: median(perGroupingBytes),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: { rows: { type: "string", default: "10000000" }, runs: { type: "string", default: "5" } },
  });
  await runClickhouseBench({ rows: Number(values.rows), runs: Number(values.runs) });
}
