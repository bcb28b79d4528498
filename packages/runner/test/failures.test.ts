// A source that is down or misconfigured fails only its own KPIs; bad arguments throw RunnerError.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RunnerError, runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEngine, selectedEngines } from "./fixtures/engines.js";
import { kpiFile, projectFile } from "./fixtures/kpi-files.js";

const count = (source: string) => ({
  name: `Events on ${source}`,
  unit: "count",
  direction: "increase",
  formula: "n",
  measures: { n: { source, from: "events", aggregate: "count", time: "occurred_at" } },
});

/** `${env:NAME}` as kpi.yaml spells it. */
const envReference = (name: string) => ["$", "{env:", name, "}"].join("");

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "kpi-failures-"));
  const local = await loadEngine("sqlite", dir);
  writeFileSync(
    path.join(dir, "kpi.yaml"),
    projectFile({
      db: local.source,
      down: { type: "postgres", url: "postgres://kpi:hunter2secret@127.0.0.1:1/nothing" },
      secret_env: { type: "postgres", url: envReference("KPI_RUNNER_TEST_UNSET_URL") },
    }),
  );
  const kpis = {
    local_events: count("db"),
    down_events: count("down"),
    env_events: count("secret_env"),
    depends_on_down: {
      name: "Depends",
      unit: "count",
      direction: "increase",
      formula: "down_events + local_events",
    },
    cycle_a: { name: "A", unit: "count", direction: "increase", formula: "cycle_b + 1" },
    cycle_b: { name: "B", unit: "count", direction: "increase", formula: "cycle_a * 2" },
  };
  for (const [id, fields] of Object.entries(kpis))
    writeFileSync(path.join(dir, `${id}.kpi.yaml`), kpiFile(id, fields));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function codeOf(error: unknown): string | undefined {
  return error instanceof RunnerError ? error.code : undefined;
}

describe("source failures", () => {
  it("fail only the KPIs of the source that is down, naming the source and the KPI, without the password", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-02", env: {} });
    const byId = new Map(run.results.map((result) => [result.kpi, result]));
    expect(byId.get("local_events")?.status).not.toBe("error");
    expect(byId.get("local_events")?.value).toBeGreaterThan(0);
    const down = byId.get("down_events");
    expect(down?.status).toBe("error");
    expect(down?.error).toContain('"down"');
    expect(down?.error).toContain("down_events");
    expect(down?.error).not.toContain("hunter2secret");
    expect(byId.get("depends_on_down")?.status).toBe("error");
  });

  it("name the missing environment variable", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-02", kpis: ["env_events"], env: {} });
    expect(run.results[0]?.status).toBe("error");
    expect(run.results[0]?.error).toContain("KPI_RUNNER_TEST_UNSET_URL");
  });

  it("report a reference cycle as an error result instead of hanging", async () => {
    const run = await runWorkspace({ root: dir, periodShorthand: "2026-02", kpis: ["cycle_a", "cycle_b"] });
    expect(run.results.map((result) => result.status)).toEqual(["error", "error"]);
  });
});

describe.runIf(selectedEngines().includes("postgres"))("a slow source", () => {
  it("fails its KPI after the timeout and names the source", async () => {
    const slowDir = mkdtempSync(path.join(tmpdir(), "kpi-slow-"));
    try {
      writeFileSync(
        path.join(slowDir, "kpi.yaml"),
        projectFile({ slow: { type: "postgres", url: "postgres://postgres@127.0.0.1:5432/postgres" } }),
      );
      const sleepy = { source: "slow", sql: "select 1 + 0 * length(cast(pg_sleep(5) as text))" };
      const fields = {
        name: "Slow",
        unit: "count",
        direction: "increase",
        formula: "m",
        measures: { m: sleepy },
      };
      writeFileSync(path.join(slowDir, "slow_kpi.kpi.yaml"), kpiFile("slow_kpi", fields));
      const started = Date.now();
      const run = await runWorkspace({ root: slowDir, periodShorthand: "2026-02", timeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(4000);
      expect(run.results[0]?.status).toBe("error");
      expect(run.results[0]?.error).toContain('"slow"');
    } finally {
      rmSync(slowDir, { recursive: true, force: true });
    }
  });
});

describe("bad arguments", () => {
  it("throw RunnerError with a code", async () => {
    const attempts = [
      runWorkspace({ root: dir, kpis: ["no_such_kpi"] }),
      runWorkspace({ root: dir, periodShorthand: "2026-W60" }),
      runWorkspace({ root: dir, period: { start: "2026-03-01", end: "2026-02-01" } }),
      runWorkspace({ root: dir, grain: "decade" as never }),
      runWorkspace({ root: path.join(dir, "missing") }),
    ];
    const codes = await Promise.all(attempts.map((attempt) => attempt.then(() => undefined, codeOf)));
    expect(codes).toEqual([
      "kpi/unknown",
      "period/invalid",
      "period/invalid",
      "grain/invalid",
      "workspace/missing",
    ]);
  });
});
