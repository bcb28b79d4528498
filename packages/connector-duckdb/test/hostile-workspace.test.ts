import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { type Connection, type SourceConfig, SourceError } from "@kpi-as-code/connection";
import { duckdbConnector } from "@kpi-as-code/connector-duckdb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A workspace as a pull request from a fork could make it: symlinks out, a FIFO, hidden files,
// hostile SQL. Canaries outside it (and in its .git) must never show up in any result or error.
const CANARY = `canary-${process.pid}-outside`;
const GIT_TOKEN = `canary-${process.pid}-git-token`;
const ENV_CANARY = `canary-${process.pid}-env`;

// Made when the file loads: the test tables below name these paths.
const outer = mkdtempSync(path.join(os.tmpdir(), "kpi-hostile-duckdb-"));
const workspace = path.join(outer, "repo");
const canaryFile = path.join(outer, "canary.csv");
let connection: Connection;

function connect(config: Omit<SourceConfig, "type">, extra: Record<string, unknown> = {}) {
  return duckdbConnector.connect(
    { type: "duckdb", ...config },
    { workspaceRoot: workspace, source: "app", ...extra },
  );
}

async function refusal(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  expectNoSecret((error as SourceError).message);
  return error as SourceError;
}

function expectNoSecret(text: string): void {
  for (const secret of [CANARY, GIT_TOKEN, ENV_CANARY, `${os.homedir()}${path.sep}`])
    expect(text).not.toContain(secret);
}

beforeAll(async () => {
  writeFileSync(canaryFile, `secret\n${CANARY}\n`);
  mkdirSync(path.join(workspace, ".git"), { recursive: true });
  mkdirSync(path.join(workspace, "data"));
  mkdirSync(path.join(workspace, "mixed"));
  mkdirSync(path.join(outer, "allowed"));
  writeFileSync(path.join(outer, "allowed/extra.csv"), "n\n5\n");
  writeFileSync(
    path.join(workspace, ".git/config"),
    `[http]\n\textraheader = AUTHORIZATION: basic ${GIT_TOKEN}\n`,
  );
  writeFileSync(path.join(workspace, ".env.csv"), `token\n${GIT_TOKEN}\n`);
  writeFileSync(path.join(workspace, "root.csv"), "n\n1\n2\n");
  writeFileSync(path.join(workspace, "mixed/a.csv"), "n\n1\n");
  symlinkSync(canaryFile, path.join(workspace, "mixed/b.csv"));
  symlinkSync(canaryFile, path.join(workspace, "data/outside.csv"));
  symlinkSync("../.git/config", path.join(workspace, "data/git.csv"));
  symlinkSync("../root.csv", path.join(workspace, "data/inside-link.csv"));
  symlinkSync("../nowhere.csv", path.join(workspace, "data/dangling.csv"));
  symlinkSync(canaryFile, path.join(workspace, "data/outside.duckdb"));
  mkdirSync(path.join(workspace, "data/folder.csv"));
  execFileSync("mkfifo", [path.join(workspace, "data/pipe.csv")]);
  const writer = await DuckDBInstance.create(path.join(workspace, "data/app.duckdb"));
  const writerConnection = await writer.connect();
  await writerConnection.run("CREATE TABLE accounts AS SELECT 1 AS id");
  writerConnection.closeSync();
  writer.closeSync();
  process.env.KPI_HOSTILE_CANARY = ENV_CANARY;
  connection = await connect({
    path: "data/app.duckdb",
    tables: { t: "root.csv", linked: "data/inside-link.csv" },
  });
});

afterAll(async () => {
  await connection?.close();
  delete process.env.KPI_HOSTILE_CANARY;
  expect(readFileSync(canaryFile, "utf8")).toBe(`secret\n${CANARY}\n`);
  rmSync(outer, { recursive: true, force: true });
});

describe("duckdb sandbox against a hostile workspace", () => {
  it("still computes the declared tables, a symlink inside the workspace included", async () => {
    expect(await connection.query("SELECT sum(n) AS n FROM t", [])).toEqual([{ n: 3 }]);
    expect(await connection.query("SELECT count(*) AS n FROM linked", [])).toEqual([{ n: 2 }]);
    expect(await connection.query("SELECT count(*) AS n FROM accounts", [])).toEqual([{ n: 1 }]);
  });

  it.each([
    "SELECT content FROM read_text('.git/config')",
    `SELECT content FROM read_text('${path.join(workspace, ".git/config")}')`,
    `SELECT * FROM read_csv('${canaryFile}')`,
    "SELECT * FROM read_csv('/etc/passwd')",
    `SELECT * FROM '${canaryFile}'`,
    `SELECT * FROM read_blob('${path.join(workspace, ".env.csv")}')`,
    `SELECT * FROM glob('${outer}/*')`,
    `SELECT * FROM read_text('${path.join(workspace, "root.csv")}')`,
  ])("cannot read another file: %s", async (sql) => {
    await refusal(connection.query(sql, []));
  });

  it.each([
    "SELECT current_setting('home_directory') AS v",
    "SELECT current_setting('temp_directory') AS v",
    `SELECT "CURRENT_SETTING"('secret_directory') AS v`,
    "SELECT /* hidden */ Current_Setting ('allowed_paths') AS v",
    "SELECT getenv('KPI_HOSTILE_CANARY') AS v",
    "SELECT name, value FROM duckdb_settings()",
    "SELECT name, setting FROM pg_settings",
    "SELECT * FROM duckdb_extensions()",
    "SELECT * FROM duckdb_databases()",
    "SELECT * FROM duckdb_databases",
    "SELECT * FROM pragma_database_list",
    "SELECT * FROM duckdb_secrets()",
    "SELECT * FROM query('SELECT current_setting(''home_directory'')')",
    "WITH s AS (SELECT value FROM duckdb_settings()) SELECT count(*) FROM t WHERE n IN (SELECT 1 FROM s)",
  ])("cannot read settings, the environment or paths: %s", async (sql) => {
    expect((await refusal(connection.query(sql, []))).kind).toBe("read-only");
  });

  it.each([
    "SET enable_external_access = true",
    "SET allowed_paths = ['/etc/passwd']",
    "RESET lock_configuration",
    "INSTALL httpfs",
    "LOAD httpfs",
    `ATTACH '${path.join(outer, "new.duckdb")}' AS other`,
    `COPY (SELECT 1) TO '${path.join(outer, "written.csv")}'`,
    "PIVOT t ON n USING count(*)",
  ])("cannot change settings, load extensions or write: %s", async (sql) => {
    await refusal(connection.query(sql, []));
    await refusal(connection.query(`SELECT * FROM read_csv('${canaryFile}')`, []));
  });

  it("keeps the database file read-only", async () => {
    const before = readFileSync(path.join(workspace, "data/app.duckdb"));
    await refusal(connection.query("INSERT INTO accounts VALUES (2)", []));
    await refusal(connection.query("CHECKPOINT", []));
    expect(readFileSync(path.join(workspace, "data/app.duckdb")).equals(before)).toBe(true);
  });
});

describe("table files a hostile workspace declares", () => {
  it.each<[string, Record<string, string>, string]>([
    ["an absolute path outside", { leak: canaryFile }, "config"],
    ["a ../ path outside", { leak: "../canary.csv" }, "config"],
    ["a ../ path outside to no file (no existence oracle)", { leak: "../nowhere.csv" }, "config"],
    ["a symlink to a file outside", { leak: "data/outside.csv" }, "config"],
    ["a symlink to the checkout's .git/config", { leak: "data/git.csv" }, "config"],
    ["a hidden file", { leak: ".env.csv" }, "config"],
    ["a glob with one match outside", { leak: "mixed/*.csv" }, "config"],
    ["a glob starting outside", { leak: "../*.csv" }, "config"],
    ["a FIFO", { leak: "data/pipe.csv" }, "config"],
    ["a folder", { leak: "data/folder.csv" }, "config"],
    ["a dangling symlink", { leak: "data/dangling.csv" }, "not-found"],
  ])("refuses %s, naming the table", async (_case, tables, kind) => {
    const error = await refusal(connect({ tables: { ...tables, t: "root.csv" } }));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain('table "leak"');
  });

  it("refuses a database file that is a symlink outside, or whose write-ahead log is", async () => {
    expect((await refusal(connect({ path: "data/outside.duckdb" }))).kind).toBe("config");
    const writer = await DuckDBInstance.create(path.join(workspace, "data/logged.duckdb"));
    writer.closeSync();
    symlinkSync(canaryFile, path.join(workspace, "data/logged.duckdb.wal"));
    const error = await refusal(connect({ path: "data/logged.duckdb" }));
    expect([error.kind, error.message.includes("logged.duckdb.wal")]).toEqual(["config", true]);
  });

  it.each([
    `CREATE VIEW leak AS SELECT "Current_Setting"('home_directory') AS h`,
    "CREATE MACRO leak() AS current_setting('allowed_paths')",
    "CREATE MACRO leak() AS TABLE SELECT * FROM duckdb_settings()",
    "CREATE SCHEMA s; CREATE VIEW s.leak AS SELECT * FROM query('SELECT 1')",
    "CREATE VIEW leak AS SELECT * FROM pragma_database_list",
  ])("refuses a database file whose views or macros would call what queries may not: %s", async (sql) => {
    const file = path.join(workspace, `data/evil-${sql.length}.duckdb`);
    const writer = await DuckDBInstance.create(file);
    const writerConnection = await writer.connect();
    await writerConnection.run(sql);
    writerConnection.closeSync();
    writer.closeSync();
    const error = await refusal(connect({ path: path.relative(workspace, file) }));
    expect(error.kind).toBe("config");
    expect(error.message).toContain("leak");
  });

  it("accepts a database file whose views only name a column query", async () => {
    const file = path.join(workspace, "data/fine.duckdb");
    const writer = await DuckDBInstance.create(file);
    const writerConnection = await writer.connect();
    await writerConnection.run("CREATE TABLE searches AS SELECT 'shoes' AS query");
    await writerConnection.run("CREATE VIEW recent AS SELECT query FROM searches");
    writerConnection.closeSync();
    writer.closeSync();
    const fine = await connect({ path: "data/fine.duckdb" });
    try {
      expect(await fine.query("SELECT query FROM recent", [])).toEqual([{ query: "shoes" }]);
    } finally {
      await fine.close();
    }
  });

  it("names a path as written, never the value of an env reference in it", async () => {
    const env = { KPI_HOSTILE_CANARY: ENV_CANARY };
    const reference = "$" + "{env:KPI_HOSTILE_CANARY}";
    for (const config of [
      { tables: { leak: `data/${reference}.csv` } },
      { tables: { leak: `../${reference}/*.csv` } },
      { path: `data/${reference}.duckdb` },
    ]) {
      expect((await refusal(connect(config, { env }))).message).toContain(reference);
    }
  });

  it("refuses before reading, so a raw measure cannot put the file into an error", async () => {
    // The attack: the table's file swapped for a symlink to .git/config, kpi.yaml unchanged.
    await refusal(connect({ tables: { t: "data/git.csv" } }));
  });

  it("reads outside the workspace only where the caller allows it, never where kpi.yaml says so", async () => {
    const tables = { extra: "../allowed/extra.csv" };
    await refusal(connect({ tables, allowPaths: [path.join(outer, "allowed")] }));
    for (const extra of [
      { allowPaths: [path.join(outer, "allowed")] },
      { env: { KPI_ALLOW_PATHS: ["/nonexistent", path.join(outer, "allowed")].join(path.delimiter) } },
    ]) {
      const allowed = await connect({ tables }, extra);
      try {
        expect(await allowed.query("SELECT n FROM extra", [])).toEqual([{ n: 5 }]);
        await refusal(allowed.query(`SELECT * FROM read_csv('${canaryFile}')`, []));
      } finally {
        await allowed.close();
      }
    }
  });
});
