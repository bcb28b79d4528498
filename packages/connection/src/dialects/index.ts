import type { DialectName, SqlDialect } from "../dialect.js";
import { duckdbDialect } from "./duckdb.js";
import { mysqlDialect } from "./mysql.js";
import { postgresDialect } from "./postgres.js";
import { sqliteDialect } from "./sqlite.js";

export { duckdbDialect, mysqlDialect, postgresDialect, sqliteDialect };

export const dialects: Readonly<Record<DialectName, SqlDialect>> = {
  duckdb: duckdbDialect,
  sqlite: sqliteDialect,
  postgres: postgresDialect,
  mysql: mysqlDialect,
};
