// The shared conformance suite (docs/connectors.md) against a real MariaDB/MySQL: a scratch database per run.
import { randomBytes } from "node:crypto";
import {
  type ConformanceAdapter,
  createTableSql,
  insertSql,
  runConformanceSuite,
} from "@kpi-as-code/connection/testing";
import { mysqlConnector } from "@kpi-as-code/connector-mysql";
import { runWorkspace } from "@kpi-as-code/runner";
import mysql from "mysql2/promise";

const server = process.env.KPI_TEST_MYSQL_SERVER ?? "127.0.0.1:3306";
const TYPES = {
  integer: "INTEGER",
  text: "VARCHAR(20)",
  decimal: "DECIMAL(10,2)",
  timestamp: "DATETIME",
  zoned: "TIMESTAMP NULL",
};

async function withAdmin<T>(use: (admin: mysql.Connection) => Promise<T>): Promise<T> {
  const admin = await mysql.createConnection({ uri: `mysql://root@${server}/` });
  try {
    return await use(admin);
  } finally {
    await admin.end();
  }
}

const adapter: ConformanceAdapter = {
  connector: mysqlConnector,
  async createScratch(tables) {
    const database = `kpi_conformance_${randomBytes(6).toString("hex")}`;
    await withAdmin(async (admin) => {
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.query(`USE ${database}`);
      await admin.query("SET time_zone = '+00:00'"); // the fixture's instants are UTC text
      for (const table of tables) {
        await admin.query(createTableSql(table, (type) => TYPES[type]));
        await admin.query(insertSql(table));
      }
    });
    return {
      source: { type: "mysql", url: `\${env:KPI_TEST_SHOP_URL}` },
      env: { KPI_TEST_SHOP_URL: `mysql://root@${server}/${database}` },
      drop: () =>
        withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${database}`)).then(() => undefined),
    };
  },
  slowQuery: (marker) => `SELECT SLEEP(30) AS ${marker}`,
  serverQueries: (marker) =>
    withAdmin(async (admin) => {
      const [rows] = await admin.query(
        "SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID() AND COMMAND = 'Query'",
        [`%AS ${marker}%`],
      );
      return Number((rows as Array<{ n: number }>)[0]?.n);
    }),
  downSource: (password) => ({ type: "mysql", url: `mysql://root:${password}@127.0.0.1:1/shop` }),
  downKind: "connect",
  options: { refused: "transaction_read_only" },
};

runConformanceSuite(adapter, runWorkspace);
