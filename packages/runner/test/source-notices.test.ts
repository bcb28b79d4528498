// Issue #13 item 8 and issue #17: what concerns a whole source is said once, in `notices`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoadedEngine, loadEngine } from "./fixtures/engines.js";
import { kpiFile, projectFile } from "./fixtures/kpi-files.js";

/** `${env:NAME}` as kpi.yaml spells it. */
const envReference = (name: string) => ["$", "{env:", name, "}"].join("");

const count = (source: string) => ({
  name: `Events on ${source}`,
  unit: "count",
  direction: "increase",
  formula: "n",
  measures: { n: { source, from: "events", aggregate: "count", time: "occurred_at" } },
});

let dir: string;
let duckdb: LoadedEngine;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "kpi-notices-"));
  duckdb = await loadEngine("duckdb", dir);
  writeFileSync(
    path.join(dir, "kpi.yaml"),
    projectFile({
      // Nothing expands a description: an unset variable there costs nothing, trusted or not.
      files: { ...duckdb.source, description: envReference("KPI_TEST_UNSET_DESCRIPTION") },
      no_env: {
        type: "postgres",
        url: `postgres://${envReference("KPI_TEST_UNSET_USER")}@127.0.0.1:5432/${envReference("KPI_TEST_UNSET_DB")}`,
      },
      env_table: { type: "duckdb", tables: { events: envReference("KPI_TEST_EVENTS_FILE") } },
    }),
  );
  const kpis = {
    first: count("no_env"),
    second: count("no_env"),
    third: count("no_env"),
    local: count("files"),
    from_env_table: count("env_table"),
  };
  for (const [id, fields] of Object.entries(kpis))
    writeFileSync(path.join(dir, `${id}.kpi.yaml`), kpiFile(id, fields));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = { KPI_TEST_EVENTS_FILE: "data/events.parquet" };

describe("source notices", () => {
  it("report missing variables once per source, with every variable and every KPI they affect", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-02", env });
    const missing = run.notices?.filter((notice) => notice.code === "source/env-missing") ?? [];
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({
      source: "no_env",
      severity: "error",
      variables: ["KPI_TEST_UNSET_USER", "KPI_TEST_UNSET_DB"],
      kpis: ["first", "second", "third"],
    });
    for (const id of ["first", "second", "third"])
      expect(run.results.find((result) => result.kpi === id)?.status).toBe("error");
    expect(run.results.find((result) => result.kpi === "local")?.status).not.toBe("error");
  });

  it("expand env in a table path in a trusted run, and refuse it in an untrusted one", async () => {
    const trusted = await runWorkspace({
      root: dir,
      periodShorthand: "2026-02",
      env,
      kpis: ["from_env_table"],
    });
    expect(trusted.results[0]?.value).toBeGreaterThan(0);
    const untrusted = await runWorkspace({
      root: dir,
      periodShorthand: "2026-02",
      env,
      kpis: ["from_env_table", "local"],
      untrusted: true,
    });
    expect(untrusted.notices).toEqual([
      expect.objectContaining({
        code: "source/env-outside-connection",
        source: "env_table",
        settings: ["tables.events"],
        kpis: ["from_env_table"],
      }),
    ]);
    expect(untrusted.results.find((result) => result.kpi === "from_env_table")?.status).toBe("error");
    expect(untrusted.results.find((result) => result.kpi === "local")?.value).toBe(trusted.results[0]?.value);
  });

  it("pass allowPaths to file-based sources, so tables outside the workspace need the caller's allowance", async () => {
    const outside = mkdtempSync(path.join(tmpdir(), "kpi-outside-"));
    try {
      const data = path.join(outside, "data");
      await loadEngine("duckdb", data);
      const outsideDir = path.join(data, "data");
      const workspace = mkdtempSync(path.join(outside, "ws-"));
      writeFileSync(
        path.join(workspace, "kpi.yaml"),
        projectFile({
          files: { type: "duckdb", tables: { events: path.join(outsideDir, "events.parquet") } },
        }),
      );
      writeFileSync(path.join(workspace, "local.kpi.yaml"), kpiFile("local", count("files")));
      const refused = await runWorkspace({ root: workspace, periodShorthand: "2026-02", env });
      expect(refused.results[0]?.status).toBe("error");
      const allowed = await runWorkspace({
        root: workspace,
        periodShorthand: "2026-02",
        env,
        allowPaths: [outsideDir],
      });
      expect(allowed.results[0]?.value).toBeGreaterThan(0);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
