import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { type Connection, SourceError } from "@kpi-as-code/connection";
import { intactQuery, ordersRows, ordersTableDdl } from "@kpi-as-code/connection/testing";
import { mysqlConnector } from "@kpi-as-code/connector-mysql";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const server = process.env.KPI_TEST_MYSQL_SERVER ?? "127.0.0.1:3306";
const database = `kpi_test_${randomBytes(6).toString("hex")}`;
const adminUrl = `mysql://root@${server}/`;
let connection: Connection;

async function sourceErrorOf(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

async function withAdmin<T>(use: (admin: mysql.Connection) => Promise<T>): Promise<T> {
  const admin = await mysql.createConnection({ uri: adminUrl });
  try {
    return await use(admin);
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  await withAdmin(async (admin) => {
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.query(`USE ${database}`);
    await admin.query(ordersTableDdl("DATETIME"));
    for (const row of ordersRows) await admin.query("INSERT INTO orders VALUES (?, ?, ?, ?, ?)", [...row]);
  });
  connection = await mysqlConnector.connect(
    { type: "mysql", url: `\${env:KPI_TEST_SHOP_URL}` },
    { workspaceRoot: "/", env: { KPI_TEST_SHOP_URL: `mysql://root@${server}/${database}` }, source: "shop" },
  );
});

afterAll(async () => {
  await connection?.close();
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${database}`));
});

describe("mysql connector", () => {
  it("returns datetimes as ISO text", async () => {
    expect(await connection.query("SELECT created_at FROM orders WHERE id = 2", [])).toEqual([
      { created_at: "2026-01-05T00:00:00" },
    ]);
  });

  it("keeps every query read-only whatever the session was switched to; the data stays intact", async () => {
    // Switching the session to read-write must not carry over to the next query.
    await connection.query("SET SESSION TRANSACTION READ WRITE", []).catch(() => undefined);
    expect((await sourceErrorOf(connection.query("DROP TABLE orders", []))).kind).toBe("read-only");
    expect((await sourceErrorOf(connection.query("SELECT 1; DELETE FROM orders", []))).kind).toBe(
      "read-only",
    );
    const intact = intactQuery(connection.dialect);
    expect(await connection.query(intact.sql, intact.params)).toEqual(intact.expected);
  });

  it("does not leak a wrong password in the login error", async () => {
    const password = "wr0ng-pw";
    const error = await sourceErrorOf(
      mysqlConnector.connect(
        { type: "mysql", url: `mysql://kpi_no_such_user:${password}@${server}/${database}` },
        { workspaceRoot: "/", source: "shop" },
      ),
    );
    expect(error.kind).toBe("connect");
    expect(error.message).not.toContain(password);
  });

  it("refuses MariaDB executable comments that write a file or lift the statement limit; no file appears", async () => {
    const file = `/tmp/kpi-outfile-${randomBytes(6).toString("hex")}`;
    for (const sql of [
      `SELECT 1 /*!50000 INTO OUTFILE '${file}' */`,
      `SELECT 1 /*M!100000 INTO DUMPFILE '${file}' */`,
      "/*!SET STATEMENT max_statement_time=0 FOR */ SELECT SLEEP(3600)",
    ]) {
      expect((await sourceErrorOf(connection.query(sql, [], { timeoutMs: 2_000 }))).kind, sql).toBe(
        "read-only",
      );
    }
    expect(existsSync(file)).toBe(false);
  });

  it("times out with the server's own statement limit, and the query is gone from the server", async () => {
    const marker = `kpi_timeout_${randomBytes(4).toString("hex")}`;
    const error = await sourceErrorOf(
      connection.query(`SELECT SLEEP(30) AS ${marker}`, [], { timeoutMs: 300 }),
    );
    expect(error.kind).toBe("timeout");
    expect(await pollUntil(async () => (await serverQueries(marker)) === 0)).toBe(true);
  });

  it("reports root's FILE and SUPER at connect, and none for an account that may only read", async () => {
    expect(connection.privileges?.powers).toEqual(["FILE", "SUPER"]);
    const user = `kpi_reader_${randomBytes(4).toString("hex")}`;
    await withAdmin(async (admin) => {
      await admin.query(`CREATE USER '${user}'@'%'`);
      await admin.query(`GRANT SELECT ON ${database}.orders TO '${user}'@'%'`);
    });
    try {
      const reader = await mysqlConnector.connect(
        { type: "mysql", url: `mysql://${user}@${server}/${database}` },
        { workspaceRoot: "/", source: "shop" },
      );
      try {
        expect(reader.privileges?.powers).toEqual([]);
        expect(await reader.query("SELECT count(*) AS n FROM orders", [])).toEqual([
          { n: ordersRows.length },
        ]);
        // A plain account can still kill its own query.
        const marker = `kpi_reader_abort_${randomBytes(4).toString("hex")}`;
        const controller = new AbortController();
        const running = sourceErrorOf(
          reader.query(`SELECT SLEEP(30) AS ${marker}`, [], { timeoutMs: 60_000, signal: controller.signal }),
        );
        expect(await pollUntil(async () => (await serverQueries(marker)) === 1)).toBe(true);
        controller.abort();
        expect((await running).kind).toBe("cancelled");
        expect(await pollUntil(async () => (await serverQueries(marker)) === 0)).toBe(true);
      } finally {
        await reader.close();
      }
    } finally {
      await withAdmin((admin) => admin.query(`DROP USER IF EXISTS '${user}'@'%'`));
    }
  });
});

/** How many server threads run a statement containing `marker` (other than this look-up). */
async function serverQueries(marker: string): Promise<number> {
  return withAdmin(async (admin) => {
    const [rows] = await admin.query<mysql.RowDataPacket[]>(
      "SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID() AND COMMAND = 'Query'",
      [`%AS ${marker}%`],
    );
    return Number(rows[0]?.n);
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
