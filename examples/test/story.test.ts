// The examples must tell a story: in each one, some core KPIs are on track,
// one is at risk and one is off track in the recent periods, and all were on
// track at their baseline. These tests compute every KPI from the generated
// data with DuckDB and check that the data, the thresholds and the README agree.
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  computeKpi,
  openWorkspaceDatabase,
  type Period,
  type Status,
  statusOf,
  thresholdStatus,
} from "./evaluate.js";
import {
  EXAMPLE_NAMES,
  type ExampleName,
  type Kpi,
  loadWorkspace,
  unitRange,
  type Workspace,
} from "./workspace.js";

/**
 * The status of every core KPI in its two recent periods (see examples/README.md), under spec 5.1:
 * the worse of the threshold status and the pace against the target path. The baselines are the
 * values measured in the baseline month, so a value a little below its baseline is off track.
 */
const STORY: Record<ExampleName, Record<string, [Status, Status]>> = {
  saas: {
    signup_conversion: ["off_track", "off_track"],
    churn_rate: ["at_risk", "on_track"],
    ltv: ["on_track", "on_track"],
    first_week_activation: ["off_track", "off_track"],
    cac: ["off_track", "off_track"],
  },
  ecommerce: {
    checkout_to_purchase_rate: ["on_track", "off_track"],
    cart_conversion_rate: ["on_track", "on_track"],
    repurchase_rate: ["at_risk", "off_track"],
    csat: ["off_track", "off_track"],
    delivery_delay_rate: ["off_track", "off_track"],
  },
  support: {
    first_contact_resolution: ["on_track", "on_track"],
    customer_effort_score: ["off_track", "on_track"],
    resolution_time: ["off_track", "off_track"],
    nps: ["off_track", "off_track"],
    first_response_time: ["at_risk", "on_track"],
  },
};

const RECENT_PERIODS: Record<"monthly" | "weekly", Period[]> = {
  monthly: [
    { label: "2026-10", start: "2026-10-01", end: "2026-11-01" },
    { label: "2026-11", start: "2026-11-01", end: "2026-12-01" },
  ],
  weekly: [
    { label: "2026-W46", start: "2026-11-09", end: "2026-11-16" },
    { label: "2026-W47", start: "2026-11-16", end: "2026-11-23" },
  ],
};

function recentPeriods(kpi: Kpi): Period[] {
  if (kpi.cadence !== "monthly" && kpi.cadence !== "weekly")
    throw new Error(`no story periods for ${kpi.cadence}`);
  return RECENT_PERIODS[kpi.cadence];
}

/** The calendar month that ends on `at` (baselines are set at month ends). */
function monthEndingOn(at: string): Period {
  const end = new Date(`${at}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const start = new Date(end);
  start.setUTCMonth(start.getUTCMonth() - 1);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return { label: `month to ${at}`, start: day(start), end: day(end) };
}

it("tells every status somewhere in the examples", () => {
  const told = new Set(Object.values(STORY).flatMap((story) => Object.values(story).flat()));
  expect(told).toEqual(new Set(["on_track", "at_risk", "off_track"]));
});

describe.each(EXAMPLE_NAMES)("the %s example", (name) => {
  let workspace: Workspace;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    workspace = loadWorkspace(name);
    connection = await openWorkspaceDatabase(workspace);
  });
  afterAll(() => connection.closeSync());

  const coreKpis = () => [...workspace.kpis.values()].filter((kpi) => kpi.core);

  it("has a story for exactly its core KPIs, with a KPI on track and one off track", () => {
    expect(
      coreKpis()
        .map((kpi) => kpi.kpi)
        .sort(),
    ).toEqual(Object.keys(STORY[name]).sort());
    const told = new Set(Object.values(STORY[name]).flat());
    expect(told.has("on_track") && told.has("off_track")).toBe(true);
  });

  it("gives each core KPI its intended status in both recent periods of its cadence", async () => {
    const actual: Record<string, Status[]> = {};
    const expected: Record<string, Status[]> = {};
    for (const kpi of coreKpis()) {
      const periods = recentPeriods(kpi);
      actual[kpi.kpi] = [];
      for (const period of periods) {
        actual[kpi.kpi]?.push(
          statusOf(kpi, await computeKpi(connection, workspace, kpi.kpi, period), period),
        );
      }
      expected[kpi.kpi] = STORY[name][kpi.kpi] ?? [];
    }
    expect(actual).toEqual(expected);
  });

  it("computes a value within the unit's range for every KPI in its recent periods", async () => {
    for (const kpi of workspace.kpis.values()) {
      const [min, max] = unitRange(kpi);
      for (const period of recentPeriods(kpi)) {
        const value = await computeKpi(connection, workspace, kpi.kpi, period);
        expect(value, `${kpi.kpi} ${period.label}`).not.toBeNull();
        expect(value, `${kpi.kpi} ${period.label}`).toBeGreaterThanOrEqual(min);
        expect(value, `${kpi.kpi} ${period.label}`).toBeLessThanOrEqual(max);
      }
    }
  });

  it("had every core KPI within its thresholds, and near its stated baseline, in the baseline month", async () => {
    for (const kpi of coreKpis()) {
      const baseline = kpi.target?.baseline;
      expect(baseline, kpi.kpi).toBeDefined();
      if (!baseline) continue;
      const value = await computeKpi(connection, workspace, kpi.kpi, monthEndingOn(baseline.at));
      expect(thresholdStatus(kpi, value ?? Number.NaN), kpi.kpi).toBe("on_track");
      expect(
        Math.abs((value ?? Number.NaN) - baseline.value) / Math.abs(baseline.value),
        kpi.kpi,
      ).toBeLessThan(0.1);
    }
  });

  it("has every segment column in every table its KPI's measures read", async () => {
    for (const kpi of workspace.kpis.values()) {
      for (const measure of Object.values(kpi.measures ?? {})) {
        for (const segment of kpi.segments ?? []) {
          expect(measure.from, `${kpi.kpi} segments need structured measures`).toBeDefined();
          const reader = await connection.runAndReadAll(`SELECT ${segment} FROM ${measure.from} LIMIT 1`);
          expect(reader.getRows(), `${kpi.kpi}.${segment}`).toHaveLength(1);
        }
      }
    }
  });
});
