import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadWorkspace, resolveTargets } from "@kpi-as-code/runner";
import { afterAll, describe, expect, it } from "vitest";
import { kpiFile, projectFile } from "./fixtures/kpi-files.js";

// kpi.yaml's `calendar` decides what `--period` and each cadence's default period mean.
const dirs: string[] = [];

async function workspaceWith(
  calendar: Record<string, unknown> | undefined,
  cadences: Record<string, string>,
) {
  const dir = mkdtempSync(path.join(tmpdir(), "kpi-calendar-"));
  dirs.push(dir);
  const project = JSON.parse(projectFile({ db: { type: "duckdb" } })) as Record<string, unknown>;
  writeFileSync(path.join(dir, "kpi.yaml"), JSON.stringify({ ...project, calendar }));
  for (const [id, cadence] of Object.entries(cadences)) {
    const fields = { name: id, unit: "count", direction: "increase", cadence, formula: "1" };
    writeFileSync(path.join(dir, `${id}.kpi.yaml`), kpiFile(id, fields));
  }
  return loadWorkspace(dir);
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("resolveTargets with a calendar", () => {
  it("reads --period in fiscal quarters and years and Sunday weeks", async () => {
    const workspace = await workspaceWith(
      { week_start: "sunday", fiscal_year_start: 4 },
      { tickets: "monthly" },
    );
    const period = (shorthand: string) =>
      resolveTargets(workspace, { periodShorthand: shorthand })[0]?.period;
    expect(period("2026-Q1")).toEqual({ start: "2026-04-01", end: "2026-07-01" });
    expect(period("2026")).toEqual({ start: "2026-04-01", end: "2027-04-01" });
    expect(period("2026-W47")).toEqual({ start: "2026-11-15", end: "2026-11-22" });
  });

  it("gives each cadence, yearly included, its last complete fiscal period", async () => {
    const workspace = await workspaceWith(
      { timezone: "Europe/Berlin", fiscal_year_start: 4 },
      { per_quarter: "quarterly", per_year: "yearly", per_week: "weekly" },
    );
    const periods = Object.fromEntries(
      resolveTargets(workspace, { today: "2026-05-13" }).map((target) => [target.kpi, target.period]),
    );
    expect(periods).toEqual({
      per_quarter: { start: "2026-01-01", end: "2026-04-01" },
      per_week: { start: "2026-05-04", end: "2026-05-11" },
      per_year: { start: "2025-04-01", end: "2026-04-01" },
    });
  });

  it("keeps calendar quarters without a calendar", async () => {
    const workspace = await workspaceWith(undefined, { per_quarter: "quarterly" });
    expect(resolveTargets(workspace, { periodShorthand: "2026-Q1" })[0]?.period).toEqual({
      start: "2026-01-01",
      end: "2026-04-01",
    });
  });
});
