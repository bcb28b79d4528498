import { registerConnector } from "@kpi-as-code/connection";
import { sqliteConnector } from "./sqlite-connector.js";

registerConnector(sqliteConnector);

export { sqliteConnector };
