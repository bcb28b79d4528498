import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Recorder, startRecorder } from "../../../../packages/notify/test/support/http-recorder.js";
import { KPI_BIN, writeWorkspace } from "../cli/run-cli.js";

// End to end: the built `kpi` (needs `npm run build`) against a real HTTP server on 127.0.0.1. The
// processes are spawned asynchronously so that the server in this process keeps answering.
const TODAY = "2026-11-26";
const HOOK = ["$", "{env:KPI_TEST_HOOK}"].join("");

function workspace(openTickets: number): string {
  const rows = Array.from({ length: openTickets }, (_, i) => `${i},2026-10-0${(i % 9) + 1} 10:00:00`);
  return writeWorkspace({
    "kpi.yaml": `project: acme-support
owners:
  support: { name: Support }
goals:
  fast_support:
    statement: Answer every ticket within a day
sources:
  app:
    type: duckdb
    tables: { tickets: data/tickets.csv }
alerts:
  channels:
    on_call: { type: webhook, url: "${HOOK}" }
  routes:
    - channels: [on_call]
`,
    "backlog.kpi.yaml": `kpi: backlog
version: 1
name: Ticket backlog
description: Tickets opened in the period.
owner: support
goal: fast_support
indicator: leading
unit: count
direction: decrease
cadence: monthly
formula: opened
measures:
  opened: { source: app, from: tickets, aggregate: count, time: opened_at }
thresholds: { warning: 10, critical: 20 }
`,
    "data/tickets.csv": `id,opened_at\n${rows.join("\n")}\n`,
  });
}

function kpi(
  args: string[],
  env: Record<string, string>,
  onSpawn?: (child: ReturnType<typeof spawn>) => void,
): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KPI_BIN, ...args], {
      env: { ...process.env, NO_COLOR: "1", KPI_NOTIFY_BACKOFF_MS: "0,0", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("close", (status) => resolve({ status, stderr }));
    onSpawn?.(child);
  });
}

let hook: Recorder;
beforeEach(async () => {
  hook = await startRecorder();
});
afterEach(async () => {
  await hook.close();
});

const notify = (root: string, onSpawn?: (child: ReturnType<typeof spawn>) => void) =>
  kpi(
    ["run", "--dir", root, "--period", "2026-10", "--today", TODAY, "--notify"],
    { KPI_TEST_HOOK: `${hook.url}/hook/T0123456789abcdefghijk` },
    onSpawn,
  );

describe("kpi run --notify", () => {
  it("alerts once, resolves once, and records the values even when the channel fails", async () => {
    const root = workspace(25);
    hook.answers.push("500", "500", "500");
    const failed = await notify(root);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('"on_call"');
    expect(failed.stderr).not.toContain("T0123456789abcdefghijk");
    expect(readFileSync(join(root, ".kpi", "history", "backlog.jsonl"), "utf8")).toContain('"off_track"');
    expect(hook.bodies).toHaveLength(0);

    expect((await notify(root)).status).toBe(0);
    expect(hook.bodies).toEqual([
      expect.objectContaining({
        project: "acme-support",
        alerts: [
          expect.objectContaining({
            kpi: "backlog",
            status: "off_track",
            value: 25,
            previous_status: "off_track",
          }),
        ],
      }),
    ]);
    expect((await notify(root)).status).toBe(0);
    expect(hook.bodies).toHaveLength(1);

    writeFileSync(join(root, "data", "tickets.csv"), "id,opened_at\n1,2026-10-02 10:00:00\n");
    await notify(root);
    await notify(root);
    expect(hook.bodies).toHaveLength(2);
    expect(hook.bodies[1]).toMatchObject({ alerts: [], resolved: [{ kpi: "backlog", status: "on_track" }] });
  });

  it("two runs at once on one workspace deliver each alert once", async () => {
    const root = workspace(25);
    const [first, second] = await Promise.all([notify(root), notify(root)]);
    expect([first.status, second.status]).toEqual([0, 0]);
    expect(hook.bodies).toHaveLength(1);
  });

  it("kill -9 while a message is in flight loses no alert: the next run takes over the lock and sends it", async () => {
    const root = workspace(25);
    hook.answers.push("hang");
    const killed = notify(root, (child) => {
      // Killed once its request has reached the server: the delivery was never confirmed.
      void hook.received(1).then(() => child.kill("SIGKILL"));
    });
    expect((await killed).status).toBeNull();
    expect(hook.bodies).toHaveLength(0);
    const next = await notify(root);
    expect(next.status).toBe(0);
    expect(hook.bodies).toHaveLength(1);
    expect((await notify(root)).status).toBe(0);
    expect(hook.bodies).toHaveLength(1);
  });

  it("a symlinked .kpi/alerts: the values are recorded, nothing is sent, exit 1", async () => {
    const root = workspace(25);
    mkdirSync(join(root, ".kpi"), { recursive: true });
    symlinkSync(tmpdir(), join(root, ".kpi", "alerts"));
    const run = await notify(root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("alerts not sent");
    expect(run.stderr).not.toContain("unexpected error");
    expect(readFileSync(join(root, ".kpi", "history", "backlog.jsonl"), "utf8")).toContain('"off_track"');
    expect(hook.requests).toHaveLength(0);
  });

  it("is refused in an untrusted run, before anything is computed", async () => {
    const root = workspace(25);
    const run = await kpi(["run", "--dir", root, "--notify", "--untrusted"], { KPI_TEST_HOOK: hook.url });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--notify");
    expect(existsSync(join(root, ".kpi"))).toBe(false);
    expect(hook.requests).toHaveLength(0);
  });

  it("without alerts routes says there is nothing to send, and exits 0", async () => {
    const root = workspace(25);
    const file = join(root, "kpi.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/alerts:[\s\S]*$/, ""));
    const run = await notify(root);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("--notify");
    expect(existsSync(join(root, ".kpi", "alerts"))).toBe(false);
  });

  it("kpi validate reports an unknown channel by rule id", async () => {
    const root = workspace(1);
    const file = join(root, "kpi.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("- channels: [on_call]", "- channels: [on_cal]"));
    const result = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [KPI_BIN, "validate", "--dir", root, "--format", "json"], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8");
      });
      child.on("close", () => resolve(out));
    });
    const rules = JSON.parse(result).diagnostics.map(
      (d: { rule: string; line: number }) => `${d.rule}@${d.line}`,
    );
    expect(rules).toContain("alerts/unknown-channel@15");
  });
});
