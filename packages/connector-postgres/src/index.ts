import { registerConnector } from "@kpi-as-code/connection";
import { postgresConnector } from "./postgres-connector.js";

registerConnector(postgresConnector);

export { postgresConnector };
