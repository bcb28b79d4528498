import {
  type Connector,
  connectorTypes,
  getConnector,
  registerConnector,
  sqliteDialect,
} from "@kpi-as-code/connection";
import { expect, it } from "vitest";

it("registers connectors by type and lists their types", async () => {
  const connector: Connector = {
    type: "test_engine",
    dialect: sqliteDialect,
    connect: async () => {
      throw new Error("not used");
    },
  };
  registerConnector(connector);
  expect(getConnector("test_engine")).toBe(connector);
  expect(getConnector("no_such_engine")).toBeUndefined();
  expect(connectorTypes()).toContain("test_engine");
});
