// Runs the same request down the one-scan path and the plain path (one query per grouping) and
// returns every slot the plain path fills, from both: the evaluator reads only slots, so equal
// slots mean equal values, breakdowns and series.
import { analyzeFile, buildWorkspace, type Workspace } from "@kpi-as-code/core";
import { compileWorkspace, type RunRequest } from "@kpi-as-code/runner";
import { expect } from "vitest";
import { runQueries } from "../../src/execute/run-queries.js";
import type { SlotValue } from "../../src/execute/slot-store.js";
import { kpiFile, projectFile } from "../fixtures/kpi-files.js";

export const SEGMENTS = ["seg_a", "seg_b"];

const inPeriod = { source: "db", from: "events", time: "occurred_at" };

/** Measures of every aggregate kind over the events table, by KPI id. */
export const ONE_SCAN_KPIS: Record<string, Record<string, unknown>> = {
  rows: { aggregate: "count" },
  positive: { aggregate: "count", where: "amount > 0" },
  total: { aggregate: "sum", column: "amount" },
  mean: { aggregate: "avg", column: "amount" },
  low: { aggregate: "min", column: "amount" },
  high: { aggregate: "max", column: "amount" },
  users: { aggregate: "count_distinct", column: "user_id" },
  middle: { aggregate: "median", column: "amount" },
  p90: { aggregate: "percentile", percentile: 0.9, column: "amount" },
  rows_28d: { aggregate: "count", window: "28d" },
  users_28d: { aggregate: "count_distinct", column: "user_id", window: "28d" },
  // Without segments, reading every row up to the period's end: its value's scan reads rows the
  // breakdowns must not see.
  everything: { aggregate: "count", window: "all" },
};
const UNSEGMENTED = new Set(["everything"]);

export function oneScanWorkspace(
  source: Record<string, unknown>,
  kpis: readonly string[],
  table = "events",
): Workspace {
  const files = [
    { file: "kpi.yaml", text: projectFile({ db: source }) },
    ...kpis.map((id) => ({
      file: `${id}.kpi.yaml`,
      text: kpiFile(id, {
        name: id,
        unit: "count",
        direction: "increase",
        formula: "m",
        ...(UNSEGMENTED.has(id) ? {} : { segments: SEGMENTS }),
        measures: { m: { ...inPeriod, from: table, ...ONE_SCAN_KPIS[id] } },
      }),
    })),
  ];
  return buildWorkspace(files.map((file) => analyzeFile(file)));
}

export interface BothPaths {
  plain: Map<string, SlotValue | undefined>;
  oneScan: Map<string, SlotValue | undefined>;
  plainQueries: number;
  oneScanQueries: number;
}

export async function runBothPaths(
  workspace: Workspace,
  root: string,
  request: Omit<RunRequest, "oneScan">,
): Promise<BothPaths> {
  const plainRun = compileWorkspace(workspace, { ...request, oneScan: false });
  for (const [kpi, definition] of plainRun.definitions) expect(definition.problem, kpi).toBeUndefined();
  const oneScanRun = compileWorkspace(workspace, request);
  const plainStore = (await runQueries(workspace, plainRun.compiled, { root })).store;
  const oneScanStore = (await runQueries(workspace, oneScanRun.compiled, { root })).store;
  const slots = plainRun.compiled.flatMap((query) =>
    query.plan.kind === "aggregate" ? query.plan.slots.map((slot) => slot.slot) : [query.plan.slot.slot],
  );
  return {
    plain: new Map(slots.map((slot) => [slot, plainStore.get(slot)])),
    oneScan: new Map(slots.map((slot) => [slot, oneScanStore.get(slot)])),
    plainQueries: plainRun.compiled.length,
    oneScanQueries: oneScanRun.compiled.length,
  };
}

/** Equal numbers, allowing for the order of a floating-point sum (the roll-up adds groups in another order). */
function closeTo(
  actual: number | null | undefined,
  expected: number | null | undefined,
  where: string,
): void {
  if (typeof actual === "number" && typeof expected === "number") {
    const scale = Math.max(1, Math.abs(expected));
    expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      scale * 1e-9,
    );
  } else {
    expect(actual, where).toEqual(expected);
  }
}

export function expectSameSlots({ plain, oneScan }: BothPaths): void {
  for (const [slot, expected] of plain) {
    const where = slot.replaceAll("\u0001", " ");
    const actual = oneScan.get(slot);
    expect(expected?.kind, where).not.toBe("error");
    expect(actual?.kind, where).toBe(expected?.kind);
    if (expected?.kind === "value" && actual?.kind === "value") closeTo(actual.value, expected.value, where);
    if (expected?.kind === "keyed" && actual?.kind === "keyed") {
      expect([...actual.values.keys()].sort(), where).toEqual([...expected.values.keys()].sort());
      for (const [key, value] of expected.values)
        closeTo(actual.values.get(key), value, `${where} [${JSON.stringify(key)}]`);
    }
  }
}
