import { registerConnector } from "@kpi-as-code/connection";
import { mysqlConnector } from "./mysql-connector.js";

registerConnector(mysqlConnector);

export { mysqlConnector };
