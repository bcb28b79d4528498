import { type DuckDBResultReader, DuckDBTypeId } from "@duckdb/node-api";
import { isoTimestampFromText, numberFromText, type Row, toRowValue } from "@kpi-as-code/connection";

// getRowsJson() renders these as text to keep their precision; the Row contract wants numbers.
const NUMBER_AS_TEXT = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL,
  DuckDBTypeId.BIGNUM,
]);
const TIMESTAMPS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.TIMESTAMP_TZ,
]);

export function readRows(reader: DuckDBResultReader): Row[] {
  const names = reader.columnNames();
  const converters = reader.columnTypes().map((type) => {
    if (NUMBER_AS_TEXT.has(type.typeId)) return (value: unknown) => numberFromText(textOrNull(value));
    if (TIMESTAMPS.has(type.typeId)) return (value: unknown) => isoTimestampFromText(textOrNull(value));
    return toRowValue;
  });
  return reader.getRowsJson().map((values) => {
    const row: Row = {};
    names.forEach((name, index) => {
      row[name] = (converters[index] ?? toRowValue)(values[index]);
    });
    return row;
  });
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
