// Writes a generated table as CSV or Parquet. Both go through the same CSV
// text; Parquet is produced by DuckDB from it with declared column types, so
// the two formats can never disagree about a value.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatDate, formatTimestamp } from "./calendar.mjs";

function formatValue(value, column) {
  if (value === null || value === undefined) return "";
  switch (column.type) {
    case "TIMESTAMP":
      return formatTimestamp(value);
    case "DATE":
      return formatDate(value);
    case "DOUBLE":
      return value.toFixed(column.digits ?? 2);
    case "INTEGER":
      return String(Math.round(value));
    default:
      return String(value);
  }
}

/** CSV with a header row; values never contain commas or quotes, so no quoting is needed. */
export function toCsv(table) {
  const lines = [table.columns.map((column) => column.name).join(",")];
  for (const row of table.rows) {
    lines.push(row.map((value, index) => formatValue(value, table.columns[index])).join(","));
  }
  return `${lines.join("\n")}\n`;
}

const sqlString = (text) => `'${text.replaceAll("'", "''")}'`;

/** Writes `table` to `path`; the extension (.csv or .parquet) picks the format. */
export async function writeTable(connection, path, table) {
  const csv = toCsv(table);
  if (path.endsWith(".csv")) {
    await writeFile(path, csv);
    return;
  }
  const folder = await mkdtemp(join(tmpdir(), "kpi-examples-"));
  try {
    const csvPath = join(folder, "table.csv");
    await writeFile(csvPath, csv);
    const columns = table.columns.map((column) => `${sqlString(column.name)}: '${column.type}'`).join(", ");
    await connection.run(
      `COPY (SELECT * FROM read_csv(${sqlString(csvPath)}, header = true, nullstr = '', columns = {${columns}}))
       TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
