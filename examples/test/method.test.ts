// The examples must be clean under every rule of the method (spec section 2).
// The validator in @kpi-as-code/core will check this too; these tests keep
// the examples honest on their own, because they are that validator's fixtures.
import { describe, expect, it } from "vitest";
import { EXAMPLE_NAMES, formulaIdentifiers, type Kpi, loadWorkspace, unitRange } from "./workspace.js";

// The examples must stay free of date warnings for a while: every date that
// the overdue rules look at lies after this day.
const STAYS_CLEAN_UNTIL = "2026-12-01";

const REQUIRED_FIELDS = [
  "kpi",
  "version",
  "name",
  "description",
  "owner",
  "goal",
  "category",
  "indicator",
  "core",
  "unit",
  "direction",
  "cadence",
  "formula",
  "target",
  "benchmark",
  "thresholds",
  "action_plan",
  "review",
  "tags",
] as const;

/** Does `next` move from `previous` the way `kpi.direction` calls better? */
const movesForward = (kpi: Kpi, previous: number, next: number) =>
  kpi.direction === "increase" ? next > previous : next < previous;

describe.each(EXAMPLE_NAMES)("the %s example", (name) => {
  const workspace = loadWorkspace(name);
  const kpis = [...workspace.kpis.values()];
  const { project } = workspace;

  it("fills every field of the KPI template, with version 1 and snake_case ids", () => {
    for (const kpi of kpis) {
      for (const field of REQUIRED_FIELDS) expect(kpi[field], `${kpi.kpi}.${field}`).toBeDefined();
      expect(kpi.version).toBe(1);
      expect(kpi.kpi).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(workspace.files.get(kpi.kpi)).toBe(`${kpi.kpi}.kpi.yaml`);
      expect(kpi.currency !== undefined, kpi.kpi).toBe(kpi.unit === "currency");
      expect(kpi.range !== undefined, kpi.kpi).toBe(kpi.unit === "score");
    }
  });

  it("aligns every KPI to a known goal and owner, and covers every goal with a leading and a lagging KPI", () => {
    for (const kpi of kpis) {
      expect(Object.keys(project.goals)).toContain(kpi.goal);
      expect(Object.keys(project.owners)).toContain(kpi.owner);
    }
    for (const [goalId, goal] of Object.entries(project.goals)) {
      if (goal.owner) expect(Object.keys(project.owners)).toContain(goal.owner);
      const indicators = new Set(kpis.filter((kpi) => kpi.goal === goalId).map((kpi) => kpi.indicator));
      expect(indicators, goalId).toEqual(new Set(["leading", "lagging"]));
    }
  });

  it("has 3 to 7 core KPIs, none a raw count, each with a full target and an action plan", () => {
    const core = kpis.filter((kpi) => kpi.core);
    expect(core.length).toBeGreaterThanOrEqual(project.policy?.core_kpis?.min ?? 3);
    expect(core.length).toBeLessThanOrEqual(project.policy?.core_kpis?.max ?? 7);
    for (const kpi of core) {
      const bareMeasure = kpi.measures?.[kpi.formula.trim()];
      const rawCount = bareMeasure?.aggregate === "count" || bareMeasure?.aggregate === "count_distinct";
      expect(kpi.unit === "count" && rawCount, kpi.kpi).toBe(false);
      expect(kpi.target?.baseline, kpi.kpi).toBeDefined();
      expect(kpi.action_plan?.length, kpi.kpi).toBeGreaterThan(0);
    }
  });

  it("resolves every formula identifier, uses every measure and declares every measure's source", () => {
    for (const kpi of kpis) {
      const identifiers = formulaIdentifiers(kpi.formula);
      const measures = kpi.measures ?? {};
      for (const identifier of identifiers) {
        expect(identifier in measures || workspace.kpis.has(identifier), `${kpi.kpi}: ${identifier}`).toBe(
          true,
        );
      }
      for (const [measureId, measure] of Object.entries(measures)) {
        expect(identifiers, `${kpi.kpi}.${measureId}`).toContain(measureId);
        expect(Object.keys(project.sources)).toContain(measure.source);
        if (measure.sql) expect(kpi.segments, `${kpi.kpi} mixes segments and raw SQL`).toBeUndefined();
        else if (measure.aggregate !== "count")
          expect(
            [measure.column, measure.expr, measure.duration].filter(Boolean),
            `${kpi.kpi}.${measureId}`,
          ).toHaveLength(1);
      }
    }
  });

  it("moves targets in the KPI's direction, orders dates and thresholds, and keeps values in the unit's range", () => {
    for (const kpi of kpis) {
      const { baseline, short_term: shortTerm, mid_term: midTerm } = kpi.target ?? {};
      const thresholds = kpi.thresholds;
      if (!baseline || !shortTerm || !midTerm || !thresholds || !kpi.benchmark)
        throw new Error(`${kpi.kpi} is incomplete`);
      expect(movesForward(kpi, baseline.value, shortTerm.value), kpi.kpi).toBe(true);
      expect(movesForward(kpi, shortTerm.value, midTerm.value), kpi.kpi).toBe(true);
      expect(baseline.at < shortTerm.by && shortTerm.by < midTerm.by, kpi.kpi).toBe(true);
      expect(movesForward(kpi, thresholds.critical, thresholds.warning), kpi.kpi).toBe(true);
      const [min, max] = unitRange(kpi);
      const values = [baseline, shortTerm, midTerm, kpi.benchmark].map((entry) => entry.value);
      for (const value of [...values, thresholds.warning, thresholds.critical]) {
        expect(value >= min && value <= max, `${kpi.kpi}: ${value}`).toBe(true);
      }
    }
  });

  it("keeps review and target dates in the future so the examples stay free of overdue warnings", () => {
    for (const kpi of kpis) {
      expect(kpi.review?.next && kpi.review.next > STAYS_CLEAN_UNTIL, kpi.kpi).toBe(true);
      expect(["week", "month", "quarter"]).toContain(kpi.review?.every);
      expect(kpi.target?.short_term?.by && kpi.target.short_term.by > STAYS_CLEAN_UNTIL, kpi.kpi).toBe(true);
      expect(kpi.target?.mid_term?.by && kpi.target.mid_term.by > STAYS_CLEAN_UNTIL, kpi.kpi).toBe(true);
    }
  });
});

it("uses every measure feature somewhere: aggregates, durations, windows, states, views, where, previous(), KPI references, segments", () => {
  const all = EXAMPLE_NAMES.flatMap((name) => {
    const workspace = loadWorkspace(name);
    return [...workspace.kpis.values()].map((kpi) => ({ kpi, workspace }));
  });
  const measures = all.flatMap(({ kpi }) => Object.values(kpi.measures ?? {}));
  const aggregates = new Set(measures.map((measure) => measure.aggregate));
  for (const aggregate of ["count", "count_distinct", "sum", "avg", "median", "percentile"])
    expect(aggregates).toContain(aggregate);
  expect(measures.some((measure) => measure.where)).toBe(true);
  expect(measures.some((measure) => measure.duration)).toBe(true);
  expect(measures.some((measure) => measure.window === "28d")).toBe(true);
  expect(new Set(measures.map((measure) => measure.active && (measure.active.at ?? "end")))).toEqual(
    new Set([undefined, "start", "end"]),
  );
  const views = all.flatMap(({ workspace }) =>
    Object.values(workspace.project.sources).flatMap((source) => Object.keys(source.views ?? {})),
  );
  expect(measures.some((measure) => measure.from && views.includes(measure.from))).toBe(true);
  expect(all.some(({ kpi }) => kpi.segments?.length)).toBe(true);
  expect(all.some(({ kpi }) => /\bprevious\(/.test(kpi.formula))).toBe(true);
  const referencesKpi = ({ kpi, workspace }: (typeof all)[number]) =>
    formulaIdentifiers(kpi.formula).some((identifier) => workspace.kpis.has(identifier));
  expect(all.some(referencesKpi)).toBe(true);
});
