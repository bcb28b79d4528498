import type { Connection } from "@kpi-as-code/connection";
import { mysqlConnector } from "@kpi-as-code/connector-mysql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Period bounds are UTC instants: a TIMESTAMP column compares against them in the session's zone,
// so every query the connector runs must see the zone '+00:00' whatever the server's default.
const server = process.env.KPI_TEST_MYSQL_SERVER ?? "127.0.0.1:3306";
let connection: Connection;

beforeAll(async () => {
  connection = await mysqlConnector.connect(
    { type: "mysql", url: `mysql://root@${server}/` },
    { workspaceRoot: "/", source: "shop" },
  );
});

afterAll(async () => {
  await connection?.close();
});

describe("mysql session time zone", () => {
  it("runs every query in UTC, with or without a timeout", async () => {
    const sql =
      "SELECT @@session.time_zone AS zone, UNIX_TIMESTAMP(TIMESTAMP '2026-10-01 00:00:00') AS epoch";
    const expected = [{ zone: "+00:00", epoch: Date.UTC(2026, 9, 1) / 1000 }];
    expect(await connection.query(sql, [])).toEqual(expected);
    expect(await connection.query(sql, [], { timeoutMs: 5000 })).toEqual(expected);
  });
});
