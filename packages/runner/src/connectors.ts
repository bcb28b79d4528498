// Importing the connector packages registers them with the connection registry.
import "@kpi-as-code/connector-duckdb";
import "@kpi-as-code/connector-sqlite";
import "@kpi-as-code/connector-postgres";
import "@kpi-as-code/connector-mysql";
