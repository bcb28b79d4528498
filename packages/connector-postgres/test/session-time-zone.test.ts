import { randomBytes } from "node:crypto";
import type { Connection } from "@kpi-as-code/connection";
import { postgresConnector } from "@kpi-as-code/connector-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUrl, dropDatabase, server, withClient } from "./server.js";

// Issue #12: the same October query counted differently when the session's zone was
// America/New_York. The connector now sets the session zone to UTC, outranking the database's
// and the role's defaults.
const database = `kpi_tz_${randomBytes(6).toString("hex")}`;
const databaseUrl = `postgres://postgres@${server}/${database}`;
const octoberCount = "SELECT count(*) AS n FROM events WHERE at >= $1::timestamptz AND at < $2::timestamptz";
const octoberBounds = ["2026-10-01 00:00:00", "2026-11-01 00:00:00"];
let connection: Connection;

beforeAll(async () => {
  await withClient(adminUrl, async (admin) => {
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.query(`ALTER DATABASE ${database} SET TimeZone = 'America/New_York'`);
  });
  await withClient(databaseUrl, async (owner) => {
    await owner.query("CREATE TABLE events (at timestamptz)");
    // Two events in the hours where UTC and New York disagree about the month.
    await owner.query(
      `INSERT INTO events VALUES ('2026-09-30 23:00:00+00'), ('2026-10-15 12:00:00+00'), ('2026-10-31 23:30:00+00'), ('2026-11-01 02:00:00+00')`,
    );
  });
  connection = await postgresConnector.connect(
    { type: "postgres", url: databaseUrl },
    { workspaceRoot: "/", source: "warehouse" },
  );
});

afterAll(async () => {
  await connection?.close();
  await dropDatabase(database);
});

describe("postgres session time zone", () => {
  it("counts October in UTC although the database's default zone is America/New_York", async () => {
    const newYork = await withClient(databaseUrl, async (client) => {
      const result = await client.query(octoberCount, octoberBounds);
      return Number(result.rows[0].n);
    });
    expect(newYork).toBe(3);
    expect(await connection.query(octoberCount, octoberBounds)).toEqual([{ n: 2 }]);
  });

  it("keeps UTC for a role whose own default zone is America/New_York", async () => {
    const role = `kpi_tz_reader_${randomBytes(4).toString("hex")}`;
    await withClient(databaseUrl, async (owner) => {
      await owner.query(`CREATE ROLE ${role} LOGIN`);
      await owner.query(`ALTER ROLE ${role} SET TimeZone = 'America/New_York'`);
      await owner.query(`GRANT SELECT ON events TO ${role}`);
    });
    try {
      const reader = await postgresConnector.connect(
        { type: "postgres", url: `postgres://${role}@${server}/${database}` },
        { workspaceRoot: "/", source: "warehouse" },
      );
      try {
        expect(await reader.query(octoberCount, octoberBounds)).toEqual([{ n: 2 }]);
      } finally {
        await reader.close();
      }
    } finally {
      await withClient(databaseUrl, async (owner) => {
        await owner.query(`DROP OWNED BY ${role}`);
        await owner.query(`DROP ROLE ${role}`);
      });
    }
  });
});
