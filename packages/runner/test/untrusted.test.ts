// Issue #17: privileged roles are a warning, or refused in an untrusted run; an untrusted run shows
// engine error codes instead of engine texts, and no expanded `${env:...}` value reaches an output.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runWorkspace } from "@kpi-as-code/runner";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureEvents } from "./fixtures/engine-data.js";
import { type LoadedEngine, loadEngine, selectedEngines } from "./fixtures/engines.js";
import { kpiFile, projectFile } from "./fixtures/kpi-files.js";

const envReference = (name: string) => ["$", "{env:", name, "}"].join("");
const CANARY = `kpi-canary-${randomBytes(4).toString("hex")}`;

const kpis = (source: string) => ({
  [`events_${source}`]: {
    name: "Events",
    unit: "count",
    direction: "increase",
    formula: "n",
    measures: { n: { source, from: "events", aggregate: "count" } },
  },
  [`leak_${source}`]: {
    name: "Leak",
    unit: "count",
    direction: "increase",
    formula: "m",
    // An engine quotes the text it could not cast: with file privileges, a file's contents.
    measures: { m: { source, sql: `select cast('${CANARY}' as int)` } },
  },
});

describe.runIf(selectedEngines().includes("postgres"))("untrusted runs on PostgreSQL", () => {
  let dir: string;
  let loaded: LoadedEngine;
  const reader = `kpi_reader_${randomBytes(4).toString("hex")}`;
  const powerful = `kpi_powerful_${randomBytes(4).toString("hex")}`;
  let database: string;
  const env = { KPI_TEST_READER: reader, KPI_TEST_POWERFUL: powerful };

  const admin = async (sql: string, db = database) => {
    const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: db });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "kpi-untrusted-"));
    loaded = await loadEngine("postgres", dir);
    database = String(loaded.source.url).split("/").at(-1) as string;
    for (const role of [reader, powerful]) {
      await admin(`CREATE ROLE ${role} LOGIN`);
      await admin(`GRANT SELECT ON events TO ${role}`);
    }
    await admin(`GRANT pg_read_server_files TO ${powerful}`);
    const url = (variable: string) => `postgres://${envReference(variable)}@127.0.0.1:5432/${database}`;
    writeFileSync(
      path.join(dir, "kpi.yaml"),
      projectFile({
        superuser: loaded.source,
        plain: { type: "postgres", url: url("KPI_TEST_READER") },
        powerful: { type: "postgres", url: url("KPI_TEST_POWERFUL") },
      }),
    );
    for (const source of ["superuser", "plain", "powerful"]) {
      for (const [id, fields] of Object.entries(kpis(source)))
        writeFileSync(path.join(dir, `${id}.kpi.yaml`), kpiFile(id, fields));
    }
  });
  afterAll(async () => {
    await loaded?.drop();
    for (const role of [reader, powerful]) await admin(`DROP ROLE IF EXISTS ${role}`, "postgres");
    rmSync(dir, { recursive: true, force: true });
  });

  it("warns once about a superuser or a role that reads server files, and computes with a plain role", async () => {
    const run = await runWorkspace({ root: dir, env, breakdowns: false });
    const bySource = new Map(run.notices?.map((notice) => [notice.source, notice]));
    expect(bySource.get("superuser")).toMatchObject({ code: "source/privileged-role", severity: "warning" });
    expect(bySource.get("powerful")).toMatchObject({
      code: "source/privileged-role",
      severity: "warning",
      role: powerful,
      powers: ["pg_read_server_files"],
      kpis: ["events_powerful", "leak_powerful"],
    });
    expect(bySource.has("plain")).toBe(false);
    for (const source of ["superuser", "plain", "powerful"]) {
      expect(run.results.find((result) => result.kpi === `events_${source}`)?.value).toBe(
        fixtureEvents().length,
      );
    }
    // Trusted, the engine's own text is kept: the canary is there (the control for the next test).
    expect(run.results.find((result) => result.kpi === "leak_plain")?.error).toContain(CANARY);
  });

  it("refuses privileged roles, shows engine codes only and redacts expanded values when untrusted", async () => {
    const run = await runWorkspace({ root: dir, env, breakdowns: false, untrusted: true });
    const byId = new Map(run.results.map((result) => [result.kpi, result]));
    for (const source of ["superuser", "powerful"]) {
      expect(byId.get(`events_${source}`)?.status).toBe("error");
      expect(run.notices?.find((notice) => notice.source === source)?.severity).toBe("error");
    }
    expect(byId.get("events_plain")?.value).toBe(fixtureEvents().length);
    const leak = byId.get("leak_plain");
    expect(leak?.status).toBe("error");
    expect(leak?.error).toContain("22P02");
    expect(leak?.error).toContain("leak_plain");
    const everything = JSON.stringify(run);
    expect(everything).not.toContain(CANARY);
    // The role names came from ${env:...}: no output may carry them.
    expect(everything).not.toContain(powerful);
    expect(everything).not.toContain(reader);
  });
});
