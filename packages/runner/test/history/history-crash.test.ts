import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kpiLogPath, latestValues, readHistory, recordRun } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareWriter, startWriter } from "./history-writer.js";
import { kpiResult, runOf } from "./sample-run.js";

let folder: string;
let script: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "kpi-history-proc-"));
  script = await prepareWriter(folder);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("history under crashes and concurrency", () => {
  it("keeps every complete record when the writer is killed with SIGKILL mid-series", async () => {
    const root = mkdtempSync(join(folder, "ws-"));
    const recorded: number[] = [];
    let enough: () => void = () => undefined;
    const recordedEnough = new Promise<void>((resolve) => {
      enough = resolve;
    });
    // Big records (256 KiB) make it likely that the kill lands inside a write.
    const writer = startWriter({
      script,
      root,
      writer: 1,
      count: 100_000,
      paddingBytes: 256 * 1024,
      onRecorded: (i) => {
        recorded.push(i);
        if (recorded.length >= 25) enough();
      },
    });
    await recordedEnough;
    writer.child.kill("SIGKILL");
    const { signal } = await writer.exited;
    expect(signal).toBe("SIGKILL");

    const values = (await readHistory(root, "shared")).map((r) => r.value);
    const expected = Array.from({ length: recorded.length }, (_, i) => i);
    // Every run acknowledged before the kill is there; a run in flight may be there or not.
    expect(values.slice(-recorded.length).reverse()).toEqual(expected);
    expect(new Set(values).size).toBe(values.length);
    // Only the very last line of the log may be torn.
    const lines = readFileSync(kpiLogPath(root, "shared"), "utf8").split("\n").filter(Boolean);
    const unreadable = lines.filter((line) => !isJson(line));
    expect(unreadable.length).toBeLessThanOrEqual(1);
    if (unreadable.length === 1) expect(lines.at(-1)).toBe(unreadable[0]);

    // The store stays usable: the next run is recorded and read after whatever the crash left.
    await recordRun(root, runOf(kpiResult("shared", { value: -1 })));
    expect((await readHistory(root, "shared", { limit: 1 }))[0]?.value).toBe(-1);
    expect((await latestValues(root)).shared?.latest.value).toBe(-1);
  });

  it("loses and corrupts nothing when several processes record at the same time", async () => {
    const root = mkdtempSync(join(folder, "ws-"));
    const writers = [1, 2, 3, 4].map((writer) =>
      // 8 KiB records, larger than PIPE_BUF, so atomicity does not rest on small writes.
      startWriter({ script, root, writer, count: 60, paddingBytes: 8 * 1024 }),
    );
    const exits = await Promise.all(writers.map((w) => w.exited));
    for (const exit of exits) expect(exit).toMatchObject({ code: 0, stderr: "" });

    const shared = await readHistory(root, "shared");
    const seen = shared.map((r) => `${r.measures.writer}:${r.measures.i}`);
    expect(shared).toHaveLength(4 * 60);
    expect(new Set(seen).size).toBe(4 * 60);
    const lines = readFileSync(kpiLogPath(root, "shared"), "utf8").split("\n").filter(Boolean);
    expect(lines.every(isJson)).toBe(true);
    for (const writer of [1, 2, 3, 4]) {
      const own = await readHistory(root, `own_${writer}`);
      expect(own.map((r) => r.value)).toEqual(Array.from({ length: 60 }, (_, i) => 59 - i));
    }
    const latest = await latestValues(root);
    expect(latest.shared?.latest.runId).toBe(shared[0]?.runId);
    expect(Object.keys(latest).sort()).toEqual(["own_1", "own_2", "own_3", "own_4", "shared"]);
  });
});

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
