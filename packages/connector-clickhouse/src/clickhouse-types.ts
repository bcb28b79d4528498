import { isoTimestampFromText, type Row } from "@kpi-as-code/connection";

interface ColumnMeta {
  name: string;
  type: string;
}

// 64-bit integers and Decimals arrive quoted in JSON; every number becomes a JS number.
const NUMERIC = /^(U?Int\d+|Float\d+|Decimal)/;

/** One JSON row as a Row: numbers as numbers, DateTime as ISO text, Date as 'YYYY-MM-DD'. */
export function toRow(meta: readonly ColumnMeta[], data: Record<string, unknown>): Row {
  const row: Row = {};
  for (const { name, type } of meta) {
    const bare = type.replace(/^Nullable\((.*)\)$/, "$1");
    const value = data[name];
    if (value === null || value === undefined) row[name] = null;
    else if (NUMERIC.test(bare)) row[name] = Number(value);
    else if (bare.startsWith("DateTime")) row[name] = isoTimestampFromText(String(value));
    else row[name] = typeof value === "number" ? value : String(value);
  }
  return row;
}
