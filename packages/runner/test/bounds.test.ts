// Issue #17 "Bounds": raw SQL is read two rows at most, every query has a time limit that the
// server enforces, and a query the client gives up on no longer runs on the server.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runWorkspace } from "@kpi-as-code/runner";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineName, type LoadedEngine, loadEngine, selectedEngines } from "./fixtures/engines.js";
import { FIXTURE_KPIS, writeFixtureWorkspace } from "./fixtures/kpi-files.js";

// A hundred million rows or more, in each engine's spelling; read whole, any of them takes gigabytes.
const HUGE_RESULT: Record<EngineName, string> = {
  duckdb: "select range from range(100000000)",
  postgres: "select g from generate_series(1, 100000000) as g",
  sqlite:
    "with recursive n(x) as (select 1 union all select x + 1 from n where x < 100000000) select x from n",
  mysql:
    "select 1 as x from information_schema.COLLATIONS a, information_schema.COLLATIONS b, information_schema.COLLATIONS c",
};

const SLEEP: Partial<Record<EngineName, (marker: string) => string>> = {
  postgres: (marker) => `select 1 as ${marker} from pg_sleep(30)`,
  mysql: (marker) => `select sleep(30) as ${marker}`,
};

const rawKpi = (sql: string) => ({
  name: "Raw",
  unit: "count",
  direction: "increase",
  formula: "m",
  measures: { m: { source: "db", sql } },
});

describe.each(selectedEngines())("bounds on %s", (engine) => {
  let dir: string;
  let loaded: LoadedEngine;
  const marker = `kpi_sleep_${randomBytes(4).toString("hex")}`;
  const outfile = `/tmp/kpi-runner-outfile-${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `kpi-bounds-${engine}-`));
    loaded = await loadEngine(engine, dir);
    const sleep = SLEEP[engine];
    writeFixtureWorkspace(dir, loaded.source, {
      huge: rawKpi(HUGE_RESULT[engine]),
      signups: FIXTURE_KPIS.signups as Record<string, unknown>,
      ...(sleep ? { sleepy: rawKpi(sleep(marker)) } : {}),
      ...(engine === "mysql"
        ? {
            outfile: rawKpi(`select 1 /*!50000 into outfile '${outfile}' */`),
            lifted: rawKpi("/*!SET STATEMENT max_statement_time=0 FOR */ select sleep(3600)"),
          }
        : {}),
    });
  });
  afterAll(async () => {
    await loaded?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads a raw SQL measure's result two rows at most, then fails it for returning more than one", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-02", kpis: ["huge", "signups"] });
    const huge = run.results.find((result) => result.kpi === "huge");
    expect(huge?.status).toBe("error");
    expect(huge?.error).toContain("returned 2 rows");
    expect(run.results.find((result) => result.kpi === "signups")?.status).not.toBe("error");
  });

  it.runIf(SLEEP[engine] !== undefined)(
    "times a slow raw measure out, and the server no longer runs it",
    async () => {
      const run = await runWorkspace({
        root: dir,
        periodShorthand: "2026-02",
        kpis: ["sleepy"],
        timeoutMs: 300,
      });
      const sleepy = run.results[0];
      expect(sleepy?.status).toBe("error");
      expect(sleepy?.error).toContain("timed out");
      expect(await pollUntil(async () => (await runningQueries(engine, marker)) === 0)).toBe(true);
    },
  );

  it.runIf(engine === "mysql")(
    "refuses MariaDB executable comments that write a file or lift the time limit",
    async () => {
      const run = await runWorkspace({
        root: dir,
        periodShorthand: "2026-02",
        kpis: ["outfile", "lifted", "signups"],
      });
      const byId = new Map(run.results.map((result) => [result.kpi, result]));
      expect(byId.get("outfile")?.status).toBe("error");
      expect(byId.get("lifted")?.status).toBe("error");
      expect(byId.get("signups")?.status).not.toBe("error");
      expect(existsSync(outfile)).toBe(false);
    },
  );
});

/** Statements containing `marker` that the server is running (other than this look-up). */
async function runningQueries(engine: EngineName, marker: string): Promise<number> {
  if (engine === "postgres") {
    const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "postgres" });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()",
        [`%as ${marker}%`],
      );
      return rows[0].n as number;
    } finally {
      await client.end();
    }
  }
  const connection = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root" });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      "SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID() AND COMMAND = 'Query'",
      [`%as ${marker}%`],
    );
    return Number(rows[0]?.n);
  } finally {
    await connection.end();
  }
}

/** Asks `check` again until it holds, at most 100 times; no fixed sleep decides the outcome. */
async function pollUntil(check: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
