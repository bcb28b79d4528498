// Spec 4.8: a source that cannot be reached is one error on its key in kpi.yaml, its KPIs are not
// checked further, the other sources are, and no password reaches any output.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkSources } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEngine } from "../fixtures/engines.js";
import { kpiHead, positionOf, projectText } from "./workspace.js";

const PASSWORD = "s3cret-Pa55word";
const envReference = (name: string) => ["$", "{env:", name, "}"].join("");

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const kpi = (id: string, source: string, from = "events") => `${kpiHead(id)}formula: n
measures:
  n: { source: ${source}, from: ${from}, aggregate: count }
`;

let dir: string;
let project: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "kpi-check-down-"));
  const local = await loadEngine("duckdb", dir);
  project = projectText({
    local: local.source,
    down: { type: "postgres", url: `postgres://kpi:${PASSWORD}@127.0.0.1:${await closedPort()}/warehouse` },
    no_env: { type: "postgres", url: envReference("KPI_TEST_CHECK_UNSET_URL") },
  });
  writeFileSync(path.join(dir, "kpi.yaml"), project);
  writeFileSync(path.join(dir, "on_down.kpi.yaml"), kpi("on_down", "down", "no_such_table"));
  writeFileSync(path.join(dir, "on_no_env.kpi.yaml"), kpi("on_no_env", "no_env"));
  writeFileSync(path.join(dir, "local_bad.kpi.yaml"), kpi("local_bad", "local", "evnts"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The line of a source's key in kpi.yaml (each source is one line). */
const sourceLine = (id: string) => project.split("\n").findIndex((line) => line.startsWith(`  ${id}:`)) + 1;

describe("checkSources with sources that cannot be reached", () => {
  it("reports each unreachable source once at its key, and still checks the others", async () => {
    const result = await checkSources(dir, { env: {} });
    const found = result.diagnostics.map(({ file, rule, line, column }) => ({ file, rule, line, column }));
    expect(found).toEqual([
      { file: "kpi.yaml", rule: "measurability/source-unreachable", line: sourceLine("down"), column: 3 },
      { file: "kpi.yaml", rule: "measurability/source-unreachable", line: sourceLine("no_env"), column: 3 },
      {
        file: "local_bad.kpi.yaml",
        rule: "measurability/unknown-table",
        ...positionOf(kpi("local_bad", "local", "evnts"), 13, "evnts"),
      },
    ]);
    // Its KPIs are not checked further: nothing about on_down's table.
    expect(found.some((d) => d.file === "on_down.kpi.yaml")).toBe(false);
  }, 30_000);

  it("never shows the password of a source's URL", async () => {
    const result = await checkSources(dir, { env: {} });
    const text = JSON.stringify(result);
    expect(text).toContain("down");
    expect(text).not.toContain(PASSWORD);
  }, 30_000);

  it("in an untrusted run, shows an engine's error by its code only", async () => {
    const trusted = await checkSources(dir, { env: {} });
    const untrusted = await checkSources(dir, { env: {}, untrusted: true });
    const message = (result: typeof trusted) =>
      result.diagnostics.find((d) => d.rule === "measurability/unknown-table")?.message ?? "";
    expect(message(trusted)).toContain("evnts");
    expect(untrusted.diagnostics.map((d) => [d.rule, d.line])).toEqual(
      trusted.diagnostics.map((d) => [d.rule, d.line]),
    );
    // The engine's own text (DuckDB suggests the table it knows) is withheld.
    expect(message(untrusted)).not.toContain("events");
  }, 30_000);
});
