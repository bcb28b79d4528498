// Benchmark of kpi-language-server over stdio on a generated workspace (default 10,000 KPIs):
// time to the first diagnostics of an opened file, time to index everything (the median of three
// server starts, also as a ratio to a baseline measured in the same run: bench/floor.mjs reading
// and parsing the files), didChange ->
// publishDiagnostics (debounce 0), completion and hover latency (also while the workspace is being
// indexed), and the server's memory.
// Run after `npm run build`: node bench/lsp/run-bench.mjs [count]
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { generateLspWorkspace, kpiFile, kpiText } from "./generate-lsp-workspace.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SERVER = join(REPO, "packages/language-server/bin/kpi-language-server.js");

export async function runLspBench({
  count = 10_000,
  iterations = 40,
  root = join(REPO, "bench/.work/lsp"),
  // Servers started to time the index; the median is reported (one start is at the machine's mercy).
  indexRuns = 3,
} = {}) {
  if (!existsSync(join(REPO, "packages/language-server/dist/bundle/bin.js"))) {
    throw new Error("build first: npx turbo run build --filter=@kpi-as-code/language-server...");
  }
  generateLspWorkspace(root, count);
  // Written just now: let the kernel write the 10,000 files out before timing anything, as they
  // would be in a workspace an editor opens (otherwise the writeback runs during the index).
  spawnSync("sync");
  const uriOf = (file) => pathToFileURL(join(root, file)).href;
  // A file with a mistake, opened right away as an editor restoring its session would.
  const opened = kpiFile(7);
  const openedText = readFileSync(join(root, opened), "utf8");
  const openFile = (server) =>
    server.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: uriOf(opened), languageId: "yaml", version: 1, text: openedText },
    });

  // The baseline, measured in the same run: a node process reading and parsing every file with
  // `yaml` (bench/floor.mjs, the floor of `kpi validate` too), from spawn to exit.
  const floorMs = timeFloor(root);

  // Servers started in turn: the editor opens one file and waits; indexing has the machine to
  // itself. The last one stays up for the measurements after the index.
  const starts = [];
  let server;
  for (let run = 0; run < indexRuns; run++) {
    await server?.stop();
    server = await startServer(root);
    const openedAt = performance.now();
    await openFile(server);
    await server.untilPublished(uriOf(opened), server.started);
    // From the didOpen (the measure) and from the server's initialize (start-up included).
    const firstDiagnosticsMs = performance.now() - openedAt;
    const firstDiagnosticsFromStartMs = performance.now() - server.started;
    const { indexedAt, indexCpuMs } = await server.indexed;
    starts.push({
      firstDiagnosticsMs,
      firstDiagnosticsFromStartMs,
      indexMs: indexedAt - server.started,
      indexCpuMs,
    });
  }
  const middle = [...starts].sort((a, b) => a.indexMs - b.indexMs)[Math.floor(starts.length / 2)];
  const { indexMs, indexCpuMs } = middle;
  const firstDiagnosticsMs = median(starts.map((start) => start.firstDiagnosticsMs));
  const firstDiagnosticsFromStartMs = median(starts.map((start) => start.firstDiagnosticsFromStartMs));
  const rssAfterIndexMb = rssMb(server.child.pid);

  // Edits alternate between a valid goal and an unknown one, so every edit changes the diagnostics.
  const edited = kpiFile(42);
  const uri = uriOf(edited);
  await server.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "yaml", version: 1, text: readFileSync(join(root, edited), "utf8") },
  });
  const changeMs = [];
  for (let i = 0; i < iterations; i++) {
    const text = kpiText(42, { goal: i % 2 === 0 ? "goal_missing" : "goal_2" });
    const sent = performance.now();
    await server.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ text }],
    });
    await server.untilPublished(uri, sent);
    changeMs.push(performance.now() - sent);
  }
  const completionMs = await timeRequests(iterations, () =>
    server.connection.sendRequest("textDocument/completion", {
      textDocument: { uri },
      position: { line: 7, character: 7 },
    }),
  );
  const hoverMs = await timeRequests(iterations, () =>
    server.connection.sendRequest("textDocument/hover", {
      textDocument: { uri },
      position: { line: 7, character: 7 },
    }),
  );
  const rssEndMb = rssMb(server.child.pid);
  await server.stop();

  // Second server: completion and hover on the opened file while the rest is indexed, one after
  // another as fast as they come back (far more than an editor sends); only answers that came
  // before indexing ended count.
  const busy = await startServer(root);
  await openFile(busy);
  let indexed = false;
  void busy.indexed.then(() => {
    indexed = true;
  });
  const during = await timeDuringIndex(iterations, () => indexed, {
    completion: () =>
      busy.connection.sendRequest("textDocument/completion", {
        textDocument: { uri: uriOf(opened) },
        position: { line: 6, character: 6 },
      }),
    hover: () =>
      busy.connection.sendRequest("textDocument/hover", {
        textDocument: { uri: uriOf(opened) },
        position: { line: 6, character: 8 },
      }),
  });
  const { indexedAt: busyIndexedAt } = await busy.indexed;
  await busy.stop();

  return {
    kpis: count,
    firstDiagnosticsMs: Math.round(firstDiagnosticsMs),
    firstDiagnosticsFromStartMs: Math.round(firstDiagnosticsFromStartMs),
    indexMs: Math.round(indexMs),
    indexRunsMs: starts.map((start) => Math.round(start.indexMs)),
    floorMs: Math.round(floorMs),
    indexVsFloor: Math.round((indexMs / floorMs) * 100) / 100,
    // The CPU time of the server's main thread until then: what indexMs would be with the machine to
    // itself, less start-up waits; barely moved by other load.
    indexCpuMs,
    duringIndexMs: {
      completion: { median: median(during.completion), p95: p95(during.completion) },
      hover: { median: median(during.hover), p95: p95(during.hover) },
      answered: during.completion.length + during.hover.length,
      // The index time of that second server, which answered them all meanwhile.
      indexMs: Math.round(busyIndexedAt - busy.started),
    },
    didChangeToDiagnosticsMs: { median: median(changeMs), p95: p95(changeMs) },
    completionMs: { median: median(completionMs), p95: p95(completionMs) },
    hoverMs: { median: median(hoverMs), p95: p95(hoverMs) },
    rssMb: { afterIndex: rssAfterIndexMb, end: rssEndMb },
  };
}

/** Wall time of bench/floor.mjs on `root`: spawning node, reading and parsing every file with `yaml`. */
function timeFloor(root) {
  const started = performance.now();
  const floor = spawnSync(process.execPath, [join(REPO, "bench/floor.mjs"), root], { encoding: "utf8" });
  if (floor.status !== 0) throw new Error(`bench/floor.mjs failed: ${floor.stderr}`);
  return performance.now() - started;
}

/**
 * Starts the server over stdio on `root` and initializes it (debounce 0, a fixed today). `indexed`
 * resolves at the first workspace's "indexed" log, `allIndexed` when every workspace is.
 */
export async function startServer(root) {
  const child = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const published = new Map();
  const waiting = [];
  let markIndexed;
  const indexed = new Promise((resolve) => {
    markIndexed = resolve;
  });
  connection.onNotification("textDocument/publishDiagnostics", ({ uri, diagnostics }) => {
    published.set(uri, { at: performance.now(), diagnostics });
    for (const waiter of waiting.splice(0)) waiter();
  });
  let markAllIndexed;
  const allIndexed = new Promise((resolve) => {
    markAllIndexed = resolve;
  });
  connection.onNotification("window/logMessage", ({ message }) => {
    if (message.startsWith("kpi: indexed"))
      markIndexed({ indexedAt: performance.now(), indexCpuMs: cpuMs(child.pid) });
    if (message.startsWith("kpi: every workspace indexed"))
      markAllIndexed({ indexedAt: performance.now(), indexCpuMs: cpuMs(child.pid) });
  });
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const started = performance.now();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    initializationOptions: { debounceMs: 0, today: "2026-11-27" },
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  await connection.sendNotification("initialized", {});
  return {
    child,
    connection,
    started,
    indexed,
    allIndexed,
    async untilPublished(uri, after) {
      while (!(published.get(uri)?.at > after)) await new Promise((wake) => waiting.push(wake));
      return published.get(uri);
    },
    async stop() {
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
      connection.dispose();
      child.kill();
    },
  };
}

async function timeRequests(times, send) {
  const durations = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await send();
    durations.push(performance.now() - start);
  }
  return durations;
}

/** Alternates the requests until `done()`, keeping the durations of those answered before it. */
async function timeDuringIndex(times, done, requests) {
  const durations = Object.fromEntries(Object.keys(requests).map((name) => [name, []]));
  for (let i = 0; i < times; i++) {
    for (const [name, send] of Object.entries(requests)) {
      const start = performance.now();
      await send();
      if (done()) return durations;
      durations[name].push(performance.now() - start);
    }
  }
  return durations;
}

/** User and system time of a process's main thread so far (/proc, in clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function median(values) {
  if (values.length === 0) return null;
  return round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
}

function p95(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]);
}

function round(value) {
  return Math.round(value * 10) / 10;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 10_000);
  console.log(JSON.stringify(await runLspBench({ count }), null, 2));
}
