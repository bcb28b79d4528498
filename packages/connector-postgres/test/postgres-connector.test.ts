import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Connection } from "@kpi-as-code/connection";
import {
  intactQuery,
  ordersRows,
  ordersTableDdl,
  sourceErrorOf,
  writeConformanceWorkspace,
} from "@kpi-as-code/connection/testing";
import { postgresConnector } from "@kpi-as-code/connector-postgres";
import { runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUrl, dropDatabase, server, withClient } from "./server.js";

const database = `kpi_test_${randomBytes(6).toString("hex")}`;
// The server trusts local logins; the password is only there to prove it never leaks.
const password = "s3cret-pw";
const env = { KPI_TEST_WAREHOUSE_URL: `postgres://postgres:${password}@${server}/${database}` };
let connection: Connection;

beforeAll(async () => {
  await withClient(adminUrl, (admin) => admin.query(`CREATE DATABASE ${database}`));
  await withClient(`postgres://postgres@${server}/${database}`, async (owner) => {
    await owner.query(ordersTableDdl("TIMESTAMP"));
    for (const row of ordersRows)
      await owner.query("INSERT INTO orders VALUES ($1, $2, $3, $4, $5)", [...row]);
  });
  connection = await postgresConnector.connect(
    { type: "postgres", url: `\${env:KPI_TEST_WAREHOUSE_URL}` },
    { workspaceRoot: "/", env, source: "warehouse" },
  );
});

afterAll(async () => {
  await connection?.close();
  await dropDatabase(database);
});

describe("postgres connector", () => {
  it("returns timestamps as ISO text", async () => {
    expect(await connection.query("SELECT created_at FROM orders WHERE id = 2", [])).toEqual([
      { created_at: "2026-01-05T00:00:00" },
    ]);
  });

  it("keeps the read-only transaction around every statement, and the data stays intact", async () => {
    // A second statement after COMMIT would run outside the read-only transaction: it must not run at all.
    await sourceErrorOf(connection.query("SELECT 1; COMMIT; DELETE FROM orders", []));
    // Switching the session back to read-write must not carry over to the next query.
    await connection.query("SELECT set_config('default_transaction_read_only', 'off', false) AS setting", []);
    expect((await sourceErrorOf(connection.query("DELETE FROM orders", []))).kind).toBe("read-only");
    const intact = intactQuery(connection.dialect);
    expect(await connection.query(intact.sql, intact.params)).toEqual(intact.expected);
  });

  it("reports a superuser's powers at connect", () => {
    expect(connection.privileges?.powers).toContain("superuser");
  });

  it("reports no powers for a plain role that may only read", async () => {
    const role = `kpi_reader_${randomBytes(4).toString("hex")}`;
    await withClient(`postgres://postgres@${server}/${database}`, async (owner) => {
      await owner.query(`CREATE ROLE ${role} LOGIN`);
      await owner.query(`GRANT SELECT ON orders TO ${role}`);
    });
    try {
      const reader = await postgresConnector.connect(
        { type: "postgres", url: `postgres://${role}@${server}/${database}` },
        { workspaceRoot: "/", source: "warehouse" },
      );
      try {
        expect(reader.privileges).toEqual({ role, powers: [] });
        expect(await reader.query("SELECT count(*) AS n FROM orders", [])).toEqual([
          { n: ordersRows.length },
        ]);
        await withClient(adminUrl, (admin) => admin.query(`GRANT pg_read_server_files TO ${role}`));
        const widened = await postgresConnector.connect(
          { type: "postgres", url: `postgres://${role}@${server}/${database}` },
          { workspaceRoot: "/", source: "warehouse" },
        );
        expect(widened.privileges?.powers).toEqual(["pg_read_server_files"]);
        await widened.close();
      } finally {
        await reader.close();
      }
    } finally {
      await withClient(`postgres://postgres@${server}/${database}`, async (owner) => {
        await owner.query(`DROP OWNED BY ${role}`);
        await owner.query(`DROP ROLE ${role}`);
      });
    }
  });

  it("times out with the server's own statement limit, and the query is gone from the server", async () => {
    const marker = `kpi_timeout_${randomBytes(4).toString("hex")}`;
    const error = await sourceErrorOf(
      connection.query(`SELECT pg_sleep(30) AS ${marker}`, [], { timeoutMs: 300 }),
    );
    expect(error.kind).toBe("timeout");
    expect(error.engineCode).toBe("57014");
    expect(await pollUntil(async () => (await serverQueries(marker)) === 0)).toBe(true);
  });

  it("fails a series whose bucket query fails (division by zero in an empty week) with the engine's message, never empty points", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "kpi-pg-series-"));
    try {
      const sql = "select 1.0 / count(*) from orders where created_at >= :start and created_at < :end";
      writeConformanceWorkspace(
        root,
        { type: "postgres", url: `\${env:KPI_TEST_WAREHOUSE_URL}` },
        {
          kpis: { per_order: { formula: "share", measures: { share: { source: "db", sql } } } },
        },
      );
      const run = await runWorkspace({
        root,
        env,
        period: { start: "2026-01-05", end: "2026-02-02" },
        grain: "week",
      });
      const [result] = run.results;
      expect(result?.value).toBe(0.5); // two orders in the four weeks
      expect(result?.status).toBe("error");
      expect(result?.error).toMatch(/^series: /);
      expect(result?.error).toContain("division by zero"); // the engine's own message
      // The buckets run as one statement: its failure is every point's.
      expect(result?.series?.map((point) => [point.start, point.value, point.error !== undefined])).toEqual([
        ["2026-01-05", null, true],
        ["2026-01-12", null, true],
        ["2026-01-19", null, true],
        ["2026-01-26", null, true],
      ]);
      expect(JSON.stringify(run)).not.toContain(password);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** How many server backends run a statement containing `marker` (other than this look-up). */
async function serverQueries(marker: string): Promise<number> {
  return withClient(adminUrl, async (admin) => {
    const { rows } = await admin.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()",
      [`%AS ${marker}%`],
    );
    return rows[0].n as number;
  });
}

/** Asks `check` again until it holds, at most 100 times; no fixed sleep decides the outcome. */
async function pollUntil(check: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
