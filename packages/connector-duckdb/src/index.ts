import { registerConnector } from "@kpi-as-code/connection";
import { duckdbConnector } from "./duckdb-connector.js";

registerConnector(duckdbConnector);

export { duckdbConnector };
