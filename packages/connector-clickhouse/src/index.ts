import { registerConnector } from "@kpi-as-code/connection";
import { clickhouseConnector } from "./clickhouse-connector.js";

registerConnector(clickhouseConnector);

export { clickhouseConnector };
