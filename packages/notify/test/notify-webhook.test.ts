import { appendFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { notifyRun, readDeliveryRecords } from "@kpi-as-code/notify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DECEMBER, input, NO_WAIT, NOVEMBER, result, tempRoot } from "./support/fixtures.js";
import { type Recorder, startRecorder } from "./support/http-recorder.js";

let hook: Recorder;
beforeEach(async () => {
  hook = await startRecorder();
});
afterEach(async () => {
  await hook.close();
});

const alertsTo = (url: string, on?: string[]) => ({
  channels: { on_call: { type: "webhook" as const, url } },
  routes: [{ channels: ["on_call"], ...(on ? { on } : {}) }],
});

describe("webhook channel", () => {
  it("posts the spec's JSON body once per KPI, period and status, and the resolution once", async () => {
    const root = tempRoot();
    const alerts = alertsTo(`${hook.url}/hook`);
    const first = [result("csat", "off_track", 0.2), result("backlog", "on_track", 10)];
    expect(await notifyRun(input(root, alerts, first), NO_WAIT)).toEqual([
      { channel: "on_call", type: "webhook", alerts: 1, resolved: 0, attempts: 1 },
    ]);
    expect(hook.requests[0]?.contentType).toBe("application/json");
    expect(hook.bodies).toEqual([
      {
        project: "acme-support",
        alerts: [
          {
            kpi: "csat",
            name: "Customer satisfaction",
            owner: "support",
            status: "off_track",
            previous_status: "on_track",
            value: 0.2,
            expected: 0.3,
            period: NOVEMBER,
          },
        ],
        resolved: [],
      },
    ]);
    // The same run again: nothing new, nothing sent.
    expect(await notifyRun(input(root, alerts, first), NO_WAIT)).toEqual([]);
    // The next period still off track: a new alert (another period).
    await notifyRun(input(root, alerts, [result("csat", "off_track", 0.21, DECEMBER)]), NO_WAIT);
    expect(hook.bodies).toHaveLength(2);
    // Back on track: resolved once.
    const back = [result("csat", "on_track", 0.35, DECEMBER)];
    await notifyRun(input(root, alerts, back), NO_WAIT);
    await notifyRun(input(root, alerts, back), NO_WAIT);
    expect(hook.bodies).toHaveLength(3);
    expect(hook.bodies[2]).toEqual({
      project: "acme-support",
      alerts: [],
      resolved: [{ kpi: "csat", status: "on_track", period: DECEMBER }],
    });
  });

  it("alerts on the route's statuses, owners and core filter; default off_track and error", async () => {
    const root = tempRoot();
    const results = [result("csat", "at_risk", 0.28), result("backlog", "error", null)];
    await notifyRun(input(root, alertsTo(hook.url), results), NO_WAIT);
    expect((hook.bodies[0] as { alerts: { kpi: string }[] }).alerts.map((a) => a.kpi)).toEqual(["backlog"]);
    const other = tempRoot();
    const filtered = {
      channels: { on_call: { type: "webhook" as const, url: hook.url } },
      routes: [{ channels: ["on_call"], on: ["at_risk", "error"], owners: ["support"], core: true }],
    };
    await notifyRun(input(other, filtered, results), NO_WAIT);
    expect((hook.bodies[1] as { alerts: { kpi: string }[] }).alerts.map((a) => a.kpi)).toEqual(["csat"]);
  });

  it("retries a 500, a reset and a hang, then delivers; a channel that keeps failing is retried at the next run", async () => {
    const root = tempRoot();
    const alerts = alertsTo(hook.url);
    const run = [result("csat", "off_track", 0.2)];
    hook.answers.push("500", "reset");
    const [delivered] = await notifyRun(input(root, alerts, run), NO_WAIT);
    expect(delivered).toMatchObject({ attempts: 3 });
    expect(delivered?.error).toBeUndefined();
    expect(hook.bodies).toHaveLength(1);

    const again = tempRoot();
    hook.answers.push("500", "hang", "reset");
    const [failed] = await notifyRun(input(again, alerts, run), { ...NO_WAIT, timeoutMs: 200 });
    expect(failed).toMatchObject({ channel: "on_call", attempts: 3, alerts: 1 });
    expect(failed?.error).toBeTruthy();
    expect(await readDeliveryRecords(again)).toEqual([]);
    // The next run sends what was not delivered.
    const [retried] = await notifyRun(input(again, alerts, run), NO_WAIT);
    expect(retried).toMatchObject({ attempts: 1, alerts: 1 });
    expect(retried?.error).toBeUndefined();
    expect(hook.bodies).toHaveLength(2);
  });

  it("does not retry a 4xx, and never names the URL's secret in the error", async () => {
    const root = tempRoot();
    const token = "T0AAAA/B0BBBB/abcdefghijklmnopqrstuvwx";
    hook.answers.push("404");
    const [failed] = await notifyRun(
      input(root, alertsTo(`${hook.url}/services/${token}?token=zz-secret-zz`), [
        result("csat", "off_track", 0.2),
      ]),
      NO_WAIT,
    );
    expect(failed?.attempts).toBe(1);
    expect(failed?.error).toBeTruthy();
    expect(failed?.error).not.toContain("abcdefghijklmnop");
    expect(failed?.error).not.toContain("zz-secret-zz");
  });

  it("takes the URL from the environment; a missing variable fails the channel without sending", async () => {
    const root = tempRoot();
    const reference = ["$", "{env:KPI_TEST_HOOK}"].join("");
    const alerts = alertsTo(reference);
    const run = [result("csat", "off_track", 0.2)];
    const [missing] = await notifyRun(input(root, alerts, run), { ...NO_WAIT, env: {} });
    expect(missing).toMatchObject({ attempts: 0 });
    expect(missing?.error).toContain("KPI_TEST_HOOK");
    const [sent] = await notifyRun(input(root, alerts, run), {
      ...NO_WAIT,
      env: { KPI_TEST_HOOK: hook.url },
    });
    expect(sent?.error).toBeUndefined();
    expect(hook.bodies).toHaveLength(1);
  });

  it("two notifications at once deliver each alert once", async () => {
    const root = tempRoot();
    const alerts = alertsTo(hook.url);
    const run = [result("csat", "off_track", 0.2), result("backlog", "off_track", 90)];
    const outcomes = await Promise.all([
      notifyRun(input(root, alerts, run), NO_WAIT),
      notifyRun(input(root, alerts, run), NO_WAIT),
    ]);
    expect(outcomes.flat()).toHaveLength(1);
    expect(hook.bodies).toHaveLength(1);
  });

  it("after kill -9: a dead process's lock is taken over and a torn last log line is skipped", async () => {
    const root = tempRoot();
    mkdirSync(join(root, ".kpi", "alerts"), { recursive: true });
    // A process id that is not running: the lock's owner died.
    writeFileSync(join(root, ".kpi", "alerts", "notify.lock"), "2147483646");
    const alerts = alertsTo(hook.url);
    const run = [result("csat", "off_track", 0.2)];
    await notifyRun(input(root, alerts, run), NO_WAIT);
    expect(hook.bodies).toHaveLength(1);
    appendFileSync(join(root, ".kpi", "alerts", "delivered.jsonl"), '{"channel":"on_call","kind":"res');
    expect(await notifyRun(input(root, alerts, run), NO_WAIT)).toEqual([]);
    await notifyRun(input(root, alerts, [result("csat", "on_track", 0.4)]), NO_WAIT);
    expect(hook.bodies).toHaveLength(2);
    expect(await readDeliveryRecords(root)).toHaveLength(2);
  });

  it("never writes through a symlinked .kpi/alerts", async () => {
    const root = tempRoot();
    const elsewhere = tempRoot();
    mkdirSync(join(root, ".kpi"));
    symlinkSync(elsewhere, join(root, ".kpi", "alerts"));
    await expect(
      notifyRun(input(root, alertsTo(hook.url), [result("csat", "off_track", 0.2)]), NO_WAIT),
    ).rejects.toMatchObject({ code: "history/unsafe-path" });
    expect(hook.bodies).toHaveLength(0);
  });

  it("refuses a lock file that is a symlink instead of waiting on it", async () => {
    const root = tempRoot();
    mkdirSync(join(root, ".kpi", "alerts"), { recursive: true });
    writeFileSync(join(root, "pid"), String(process.pid));
    symlinkSync(join(root, "pid"), join(root, ".kpi", "alerts", "notify.lock"));
    await expect(
      notifyRun(input(root, alertsTo(hook.url), [result("csat", "off_track", 0.2)]), NO_WAIT),
    ).rejects.toMatchObject({ code: "history/unsafe-path" });
    expect(hook.bodies).toHaveLength(0);
  });
});
