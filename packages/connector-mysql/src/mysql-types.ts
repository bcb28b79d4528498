import { isoTimestampFromText, numberFromText } from "@kpi-as-code/connection";
import type { TypeCast } from "mysql2/promise";

/**
 * BIGINT and DECIMAL as numbers (mysql2 gives text to keep precision), DATE as
 * 'YYYY-MM-DD' and DATETIME/TIMESTAMP as ISO text (mysql2 would build JS Dates
 * in the client's time zone).
 */
export const rowTypeCast: TypeCast = (field, next) => {
  switch (field.type) {
    case "LONGLONG":
    case "DECIMAL":
    case "NEWDECIMAL":
      return numberFromText(field.string());
    case "DATE":
    case "NEWDATE":
      return field.string();
    case "DATETIME":
    case "DATETIME2":
    case "TIMESTAMP":
    case "TIMESTAMP2":
      return isoTimestampFromText(field.string());
    default:
      return next();
  }
};
