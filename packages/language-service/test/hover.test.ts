import { hover } from "@kpi-as-code/language-service";
import type { LatestValue } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { ACTIVATION, ACTIVATION_FILE, CHURN, CHURN_FILE, markBefore, stateWith } from "./support/fixture.js";

const text = (result: ReturnType<typeof hover>) =>
  result && typeof result.contents === "object" && "value" in result.contents ? result.contents.value : "";

function point(value: number | null, start: string, recordedAt: string) {
  return {
    runId: `r${start}`,
    recordedAt,
    version: 3,
    definitionHash: "h",
    period: { start, end: start },
    value,
    status: "at_risk" as const,
  };
}

describe("hover", () => {
  it("shows the schema's documentation of a key, with its allowed values", () => {
    const { state, position } = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "cadence:", 2));
    const result = hover(state, ACTIVATION_FILE, position);
    expect(text(result)).toContain("How often the KPI is computed");
    expect(text(result)).toContain("`quarterly`");
    expect(result?.range).toEqual({ start: { line: 10, character: 0 }, end: { line: 10, character: 7 } });
  });

  it("shows what a reference points to: goal statement, owner name, source type", () => {
    const goal = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "grow_active_customers", 3));
    expect(text(hover(goal.state, ACTIVATION_FILE, goal.position))).toContain(
      "Grow new sign-ups 20% in Q4 2026",
    );
    const owner = stateWith(CHURN_FILE, markBefore(CHURN, "support", 1));
    expect(text(hover(owner.state, CHURN_FILE, owner.position))).toContain("Customer support");
    const source = stateWith(CHURN_FILE, markBefore(CHURN, "app,", 1));
    expect(text(hover(source.state, CHURN_FILE, source.position))).toContain("duckdb");
  });

  it("shows a KPI's latest value, status, target and recent values on its id", () => {
    const { state, position } = stateWith(
      ACTIVATION_FILE,
      markBefore(ACTIVATION, "first_week_activation", 4),
    );
    const recent = [
      point(0.21, "2026-10-05", "2026-11-01T10:00:00Z"),
      point(0.25, "2026-10-12", "2026-11-02T10:00:00Z"),
      point(0.273, "2026-10-19", "2026-11-27T08:00:00Z"),
    ];
    const value: LatestValue = { latest: recent[2] as LatestValue["latest"], recent };
    state.values = { first_week_activation: value };
    const shown = text(hover(state, ACTIVATION_FILE, position, new Date("2026-11-27T10:00:00Z")));
    expect(shown).toContain("27.3%");
    expect(shown).toContain("at risk");
    expect(shown).toContain("Target 30% by 2026-12-31");
    // 2026-10-18 (the last day of the degenerate period) is 18 of 92 days from 25% to 30%: 25.98%
    expect(shown).toContain("Expected 26% now, 30% by 2026-12-31");
    expect(shown).toContain("No forecast: 0 periods of the cadence with a value, 4 needed");
    expect(shown).toContain("▁▅█");
    expect(shown).toContain("2 h ago");
  });

  it("shows the expected value and the forecast from the recorded weeks", () => {
    const { state, position } = stateWith(
      ACTIVATION_FILE,
      markBefore(ACTIVATION, "first_week_activation", 4),
    );
    const weeks = ["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"].map((start, index) => ({
      ...point(0.26 + index / 100, start, "2026-11-27T08:00:00Z"),
      period: { start, end: new Date(Date.parse(start) + 7 * 86_400_000).toISOString().slice(0, 10) },
    }));
    state.values = { first_week_activation: { latest: weeks[3] as LatestValue["latest"], recent: weeks } };
    const shown = text(hover(state, ACTIVATION_FILE, position, new Date("2026-11-27T10:00:00Z")));
    // last day 2026-11-22, 53 of 92 days from 25% to 30%: 25% + 5% * 53 / 92 = 27.9%
    expect(shown).toContain("Expected 27.9% now, 30% by 2026-12-31");
    // +1 point a week, 0.29 on 2026-11-22; 2026-12-31 is 39 days later: 0.29 + 0.01 * 39 / 7 = 34.6%
    expect(shown).toContain("On this trend: 34.6% by 2026-12-31 (target 30%)");
  });

  it("resolves a formula identifier to its measure or to another KPI", () => {
    const formula = CHURN.replace("lost / customers", "lost / customers + first_week_activation");
    const measure = stateWith(CHURN_FILE, markBefore(formula, "customers +", 2));
    expect(text(hover(measure.state, CHURN_FILE, measure.position))).toContain(
      "**Measure `customers`** of `churn_rate`",
    );
    const kpi = stateWith(CHURN_FILE, markBefore(formula, "first_week_activation", 5));
    expect(text(hover(kpi.state, CHURN_FILE, kpi.position))).toContain("First-week activation rate");
  });

  it("says nothing on a free-text value", () => {
    const { state, position } = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "rate", 2));
    expect(text(hover(state, ACTIVATION_FILE, position))).toContain("Human-readable name");
    const comment = stateWith(ACTIVATION_FILE, `${ACTIVATION}# a comment|\n`);
    expect(hover(comment.state, ACTIVATION_FILE, comment.position)).toBeUndefined();
  });
});
