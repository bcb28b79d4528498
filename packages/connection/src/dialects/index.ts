import type { DialectName, SqlDialect } from "../dialect.js";
import { clickhouseDialect } from "./clickhouse.js";
import { duckdbDialect } from "./duckdb.js";
import { mysqlDialect } from "./mysql.js";
import { postgresDialect } from "./postgres.js";
import { sqliteDialect } from "./sqlite.js";

export { clickhouseDialect, duckdbDialect, mysqlDialect, postgresDialect, sqliteDialect };

export const dialects: Readonly<Record<DialectName, SqlDialect>> = {
  duckdb: duckdbDialect,
  sqlite: sqliteDialect,
  postgres: postgresDialect,
  mysql: mysqlDialect,
  clickhouse: clickhouseDialect,
};
