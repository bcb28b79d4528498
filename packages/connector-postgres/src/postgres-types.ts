import { isoTimestampFromText } from "@kpi-as-code/connection";
import pg from "pg";

// pg returns these as text to keep their precision; the Row contract wants numbers.
const INT8 = 20;
const NUMERIC = 1700;
// pg would turn these into JS Dates in the client's time zone; keep the server's text instead.
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

export const rowTypeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8 || oid === NUMERIC) return (text: string) => Number(text);
    if (oid === DATE) return (text: string) => text;
    if (oid === TIMESTAMP || oid === TIMESTAMPTZ) return isoTimestampFromText;
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};
