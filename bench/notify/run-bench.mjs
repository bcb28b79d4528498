// `node bench/notify/run-bench.mjs`: what `kpi run --notify` adds to a run of 1,000 KPIs of which 100
// alert, against a webhook server on 127.0.0.1: reading the previous statuses from the history index,
// selecting, posting one message per channel (a webhook and a Slack-style channel) and appending the
// delivery log; then the same again with nothing new. Goal: <= 0.2 s. Assumes `npm run build` ran.

import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { latestValues } from "@kpi-as-code/runner/history";

const GOAL_SECONDS = 0.2;
const KPIS = 1000;
const ALERTING = 100;

function startServer() {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.end("ok"));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export async function runNotifyBench() {
  // The CLI loads the notify package only with --notify: part of what it adds. Core, connection and the
  // runner's history are loaded by then (kpi run uses them), so they are loaded first here too.
  await import("@kpi-as-code/core");
  await import("@kpi-as-code/connection");
  const loading = performance.now();
  const { kpiFacts, notifyRun } = await import("@kpi-as-code/notify");
  const loadSeconds = (performance.now() - loading) / 1000;
  const server = await startServer();
  const url = `http://127.0.0.1:${server.address().port}`;
  const root = mkdtempSync(join(tmpdir(), "kpi-notify-bench-"));
  const period = { start: "2026-10-01", end: "2026-11-01" };
  const ids = Array.from({ length: KPIS }, (_, i) => `kpi_${i}`);
  const facts = kpiFacts(
    ids.map((kpi) => ({
      kpi,
      version: 1,
      name: kpi,
      description: "",
      owner: "ops",
      goal: "g",
      indicator: "leading",
      direction: "increase",
      cadence: "monthly",
      formula: "x",
      unit: "ratio",
      action_plan: [{ hypothesis: "Try something" }],
    })),
  );
  const results = ids.map((kpi, i) => ({
    kpi,
    version: 1,
    period,
    value: 0.2,
    measures: {},
    status: i % (KPIS / ALERTING) === 0 ? "off_track" : "on_track",
    target: null,
    definitionHash: "h",
    expected: 0.3,
  }));
  const project = {
    project: "bench",
    alerts: {
      channels: {
        hook: { type: "webhook", url: `${url}/hook` },
        chat: { type: "slack", url: `${url}/slack` },
      },
      routes: [{ channels: ["hook", "chat"] }],
    },
  };
  const once = async () => {
    const started = performance.now();
    const latest = await latestValues(root).catch(() => ({}));
    const outcomes = await notifyRun({
      root,
      project,
      results,
      facts,
      previousStatus: (kpi) => latest[kpi]?.latest.status ?? null,
    });
    return { seconds: (performance.now() - started) / 1000, outcomes };
  };
  try {
    const first = await once();
    const again = await once();
    const alerts = first.outcomes.reduce((sum, outcome) => sum + outcome.alerts, 0);
    return {
      kpis: KPIS,
      alerting: ALERTING,
      alertsDelivered: alerts,
      loadSeconds: Number(loadSeconds.toFixed(3)),
      firstDeliverySeconds: Number(first.seconds.toFixed(3)),
      nothingNewSeconds: Number(again.seconds.toFixed(3)),
      goal: `<= ${GOAL_SECONDS} s: ${loadSeconds + first.seconds <= GOAL_SECONDS && loadSeconds + again.seconds <= GOAL_SECONDS ? "met" : "NOT met"}`,
    };
  } finally {
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await runNotifyBench(), null, 2));
}
