import { execFileSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HistoryPathError, latestValues, readHistory, recordRun } from "@kpi-as-code/runner/history";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kpiResult, runOf } from "./sample-run.js";

// `.kpi/` as a pull request from a fork could commit it: symlinks out of the workspace, a FIFO.
// A script outside stands for the attacker's target; it must never be written, and no path error
// may hang or write anything.
const SCRIPT = "#!/bin/sh\necho canary\n";

let outer: string;
let root: string;
let script: string;
let elsewhere: string;

beforeEach(() => {
  outer = mkdtempSync(join(tmpdir(), "kpi-hostile-history-"));
  root = join(outer, "repo");
  script = join(outer, "deploy.sh");
  elsewhere = join(outer, "elsewhere");
  mkdirSync(root);
  mkdirSync(elsewhere);
  writeFileSync(script, SCRIPT);
});

afterEach(() => {
  expect(readFileSync(script, "utf8")).toBe(SCRIPT);
  expect(readdirSync(elsewhere)).toEqual([]);
  rmSync(outer, { recursive: true, force: true });
});

async function pathError(promise: Promise<unknown>): Promise<HistoryPathError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HistoryPathError);
  return error as HistoryPathError;
}

const run = runOf(kpiResult("clean"), kpiResult("activation"));

describe("a hostile .kpi folder", () => {
  it.each<[string, () => void, string, HistoryPathError["reason"]]>([
    [
      "a log that is a symlink to a script",
      () => {
        mkdirSync(join(root, ".kpi/history"), { recursive: true });
        symlinkSync(script, join(root, ".kpi/history/activation.jsonl"));
      },
      ".kpi/history/activation.jsonl",
      "symlink",
    ],
    ["a .kpi symlink", () => symlinkSync(elsewhere, join(root, ".kpi")), ".kpi", "symlink"],
    [
      "a .kpi/history symlink",
      () => {
        mkdirSync(join(root, ".kpi"));
        symlinkSync(elsewhere, join(root, ".kpi/history"));
      },
      ".kpi/history",
      "symlink",
    ],
    [
      "a .kpi/history that is a file",
      () => {
        mkdirSync(join(root, ".kpi"));
        writeFileSync(join(root, ".kpi/history"), "");
      },
      ".kpi/history",
      "not-a-folder",
    ],
    [
      "a log that is a FIFO",
      () => {
        mkdirSync(join(root, ".kpi/history"), { recursive: true });
        execFileSync("mkfifo", [join(root, ".kpi/history/activation.jsonl")]);
      },
      ".kpi/history/activation.jsonl",
      "not-a-file",
    ],
  ])("refuses to record or read through %s, writing nothing", async (_case, make, path, reason) => {
    make();
    const recorded = await pathError(recordRun(root, run));
    expect([recorded.code, recorded.path, recorded.reason]).toEqual(["history/unsafe-path", path, reason]);
    // Checked before the first line: the clean KPI of the same run was not recorded either.
    expect(existsSync(join(root, ".kpi/history/clean.jsonl"))).toBe(false);
    expect((await pathError(readHistory(root, "activation"))).path).toBe(path);
  });

  it("refuses to list values through a symlinked folder, and skips a symlinked log", async () => {
    symlinkSync(elsewhere, join(root, ".kpi"));
    expect((await pathError(latestValues(root))).path).toBe(".kpi");
    rmSync(join(root, ".kpi"));
    await recordRun(root, runOf(kpiResult("clean", { value: 7 })));
    symlinkSync(script, join(root, ".kpi/history/activation.jsonl"));
    execFileSync("mkfifo", [join(root, ".kpi/history/pipe.jsonl")]);
    expect(Object.keys(await latestValues(root))).toEqual(["clean"]);
  });

  it.each([
    ["a symlink to a script", () => symlinkSync(script, join(root, ".kpi/history/latest.json"))],
    ["a FIFO", () => execFileSync("mkfifo", [join(root, ".kpi/history/latest.json")])],
  ])("replaces an index that is %s instead of reading or writing through it", async (_case, make) => {
    mkdirSync(join(root, ".kpi/history"), { recursive: true });
    make();
    await recordRun(root, runOf(kpiResult("clean", { value: 7 })));
    expect(lstatSync(join(root, ".kpi/history/latest.json")).isFile()).toBe(true);
    expect((await latestValues(root)).clean?.latest.value).toBe(7);
  });
});

describe("history lines", () => {
  it("keep attacker text on one line, with every control character escaped", async () => {
    const hostile = "x\n$(touch /tmp/pwned)\r\n\u001b[31mred\u0000\u0007`id`";
    const breakdowns = { channel: [{ key: `a\nb;${hostile}`, value: 1, measures: {} }] };
    await recordRun(root, runOf(kpiResult("activation", { error: hostile, breakdowns })));
    await recordRun(root, runOf(kpiResult("activation", { error: hostile })));
    const bytes = readFileSync(join(root, ".kpi/history/activation.jsonl"));
    const lines = bytes.toString("utf8").split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    // No byte below 0x20 other than the newline that ends each record.
    expect([...bytes].filter((byte) => byte < 0x20 && byte !== 0x0a)).toEqual([]);
    const [newest, oldest] = await readHistory(root, "activation");
    expect(newest?.error).toBe(hostile);
    expect(oldest?.breakdowns?.channel?.[0]?.key).toBe(`a\nb;${hostile}`);
  });
});
