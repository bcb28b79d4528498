/**
 * One read-only query under `LIMIT 0`, for `Connection.describe` on a server engine: the server
 * plans and checks it and names its columns without reading a row. A trailing semicolon is
 * dropped first, since it cannot sit inside the parentheses.
 */
export function describeSql(sql: string): string {
  const body = sql.trim().replace(/;\s*$/, "");
  return `SELECT * FROM (\n${body}\n) AS kpi_describe LIMIT 0`;
}
