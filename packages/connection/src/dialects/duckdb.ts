import type { SqlDialect } from "../dialect.js";
import { duckdbLexicalRules } from "./lexical.js";
import { postgresFamilyDialect } from "./postgres.js";

/** DuckDB speaks PostgreSQL's SQL for everything compiled here; its date_trunc('week') is ISO (Monday) too. */
export const duckdbDialect: SqlDialect = postgresFamilyDialect("duckdb", duckdbLexicalRules);
