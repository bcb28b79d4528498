// The runner benchmark's baseline: the 50 KPIs' numbers (values and breakdowns by both segments,
// optionally a monthly series) written by hand as one DuckDB query, one GROUPING SETS scan.
// Run as a script it is the bare-process baseline of `kpi run`: node, DuckDB, one query, exit.
// Usage: node bench/runner/hand-written.mjs <events.parquet> <start> <end> [month]
import { pathToFileURL } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { CHANNELS, KINDS } from "./bench-data.mjs";

/** The distinct aggregates the 50 KPIs need, written by hand. */
function handWrittenAggregates() {
  const filters = [
    ...KINDS.map((kind) => `kind = '${kind}'`),
    ...KINDS.map((kind, index) => `kind = '${kind}' AND channel = '${CHANNELS[index % CHANNELS.length]}'`),
  ];
  const columns = ["count(*) AS total"];
  filters.forEach((where, index) => {
    columns.push(
      `count(*) FILTER (WHERE ${where}) AS n${index}`,
      `count(DISTINCT user_id) FILTER (WHERE ${where}) AS u${index}`,
      `avg(amount) FILTER (WHERE ${where}) AS a${index}`,
      `sum(amount) FILTER (WHERE ${where}) AS s${index}`,
    );
  });
  return columns.join(", ");
}

export function handWrittenSql(parquet, window, withMonths) {
  const month = "CAST(date_trunc('month', occurred_at) AS DATE)";
  const sets = withMonths ? `(), (channel), (country), (${month})` : "(), (channel), (country)";
  return `SELECT GROUPING(channel) AS g0, channel, GROUPING(country) AS g1, country, ${withMonths ? `${month} AS month, ` : ""}${handWrittenAggregates()}
    FROM read_parquet('${parquet}')
    WHERE occurred_at >= TIMESTAMP '${window.start}' AND occurred_at < TIMESTAMP '${window.end}'
    GROUP BY GROUPING SETS (${sets})`;
}

/** Opens DuckDB, runs the query, reads every row, closes: what a bare process does. */
export async function handWritten(parquet, window, withMonths) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(handWrittenSql(parquet, window, withMonths));
  const rows = reader.getRowObjectsJson().length;
  connection.closeSync();
  instance.closeSync();
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [parquet, start, end, grain] = process.argv.slice(2);
  const rows = await handWritten(parquet, { start, end }, grain === "month");
  process.stdout.write(`${rows} rows\n`);
}
