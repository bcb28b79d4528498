import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kpiLogPath, latestIndexPath, latestValues, readHistory, recordRun } from "@kpi-as-code/runner";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kpiResult, monthPeriod, runOf } from "./sample-run.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "kpi-history-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("recordRun and readHistory", () => {
  it("reads back every recorded value newest first, tied to version and definition hash", async () => {
    await recordRun(root, runOf(kpiResult("activation", { value: 0.2, period: monthPeriod(9) })), {
      runId: "r1",
    });
    await recordRun(
      root,
      runOf(
        kpiResult("activation", { value: 0.25, version: 2, definitionHash: "h2", period: monthPeriod(10) }),
      ),
      { runId: "r2", recordedAt: new Date("2026-11-02T08:00:00Z") },
    );
    const history = await readHistory(root, "activation");
    expect(history.map((r) => [r.runId, r.value, r.version, r.definitionHash])).toEqual([
      ["r2", 0.25, 2, "h2"],
      ["r1", 0.2, 1, "sha256:abc"],
    ]);
    expect(history[0]).toMatchObject({
      recordedAt: "2026-11-02T08:00:00.000Z",
      period: monthPeriod(10),
      status: "on_track",
      measures: { activated: 31, signups: 100 },
    });
  });

  it("gives one run id to every KPI of a run and keeps breakdowns and series unless asked not to", async () => {
    const breakdowns = { channel: [{ key: "ads", value: 0.4, measures: { activated: 4, signups: 10 } }] };
    const recorded = await recordRun(root, runOf(kpiResult("a", { breakdowns }), kpiResult("b")));
    const [a] = await readHistory(root, "a");
    const [b] = await readHistory(root, "b");
    expect(a?.runId).toBe(recorded.runId);
    expect(b?.runId).toBe(recorded.runId);
    expect(a?.breakdowns).toEqual(breakdowns);
    await recordRun(root, runOf(kpiResult("a", { breakdowns })), { keepDetail: false });
    expect((await readHistory(root, "a"))[0]?.breakdowns).toBeUndefined();
  });

  it("returns only the newest records when limited, across read chunks", async () => {
    const padding = "x".repeat(20_000);
    for (let month = 1; month <= 12; month++) {
      await recordRun(
        root,
        runOf(kpiResult("a", { period: monthPeriod(month), error: padding, value: month })),
      );
    }
    const newest = await readHistory(root, "a", { limit: 3 });
    expect(newest.map((r) => r.value)).toEqual([12, 11, 10]);
    expect((await readHistory(root, "a")).map((r) => r.value)).toEqual([
      12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
  });

  it("has no history for a KPI never recorded and refuses a KPI id that is not one", async () => {
    expect(await readHistory(root, "never_run")).toEqual([]);
    await expect(readHistory(root, "../etc/passwd")).rejects.toThrow();
  });

  it("skips a torn last line and does not let it swallow the next record", async () => {
    await recordRun(root, runOf(kpiResult("a", { value: 1 })));
    appendFileSync(kpiLogPath(root, "a"), '{"format":1,"runId":"torn","kpi":"a","val');
    expect((await readHistory(root, "a")).map((r) => r.value)).toEqual([1]);
    await recordRun(root, runOf(kpiResult("a", { value: 2 })));
    expect((await readHistory(root, "a")).map((r) => r.value)).toEqual([2, 1]);
  });
});

describe("latestValues", () => {
  it("gives each KPI's latest value and its recent series, one point per period", async () => {
    await recordRun(root, runOf(kpiResult("a", { period: monthPeriod(9), value: 1 })));
    await recordRun(root, runOf(kpiResult("a", { period: monthPeriod(10), value: 2 })));
    // A re-run of September after October: latest is this record, and September's point is replaced.
    await recordRun(root, runOf(kpiResult("a", { period: monthPeriod(9), value: 3 })));
    const latest = await latestValues(root);
    expect(latest.a?.latest.value).toBe(3);
    expect(latest.a?.recent.map((p) => [p.period.start, p.value])).toEqual([
      ["2026-09-01", 3],
      ["2026-10-01", 2],
    ]);
  });

  it("keeps at most twelve recent points", async () => {
    for (let month = 1; month <= 12; month++) {
      await recordRun(root, runOf(kpiResult("a", { period: monthPeriod(month), value: month })));
    }
    await recordRun(
      root,
      runOf(kpiResult("a", { period: { start: "2027-01-01", end: "2027-02-01" }, value: 13 })),
    );
    const recent = (await latestValues(root)).a?.recent ?? [];
    expect(recent.map((p) => p.value)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it("rebuilds the index when it is missing or corrupt", async () => {
    await recordRun(root, runOf(kpiResult("a", { value: 1 }), kpiResult("b", { value: 2 })));
    rmSync(latestIndexPath(root));
    expect(Object.keys(await latestValues(root)).sort()).toEqual(["a", "b"]);
    writeFileSync(latestIndexPath(root), "{ not json");
    expect((await latestValues(root)).b?.latest.value).toBe(2);
    expect(() => JSON.parse(readFileSync(latestIndexPath(root), "utf8"))).not.toThrow();
  });

  it("repairs an entry whose log grew behind its back (a lost index race)", async () => {
    await recordRun(root, runOf(kpiResult("a", { value: 1 })));
    const stale = readFileSync(latestIndexPath(root), "utf8");
    await recordRun(root, runOf(kpiResult("a", { value: 2 })));
    writeFileSync(latestIndexPath(root), stale);
    expect((await latestValues(root)).a?.latest.value).toBe(2);
  });

  it("is empty for a workspace with no history", async () => {
    expect(await latestValues(root)).toEqual({});
  });
});
